"use client";

import { ArrowDown, ArrowUp, ArrowUpDown, ClipboardList, Download, FileSpreadsheet, Search } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";

import { downloadFile } from "@/components/download-file";
import { useFormat } from "@/components/format-provider";
import type { Formatter } from "@/lib/formatter";
import { TotalPager } from "@/components/total-pager";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { PO_STATUSES, type PurchaseOrderSortKey, type PurchaseOrderView, type SortDirection, type UtilizationThresholds } from "@/lib/procurement-views";
import { PoStatusBadge } from "./level-badge";
import { STATUS_LABELS } from "./procurement-format";
import { purchaseOrderSearchParams, usePurchaseOrders, type PurchaseOrderListFilters } from "./procurement-queries";
import { UtilizationBar } from "./utilization-bar";
import { Table } from "@/components/ui/table";

const SORT_OPTIONS: { value: `${PurchaseOrderSortKey}:${SortDirection}`; label: string }[] = [
  { value: "utilization:desc", label: "Utilization, highest first" },
  { value: "utilization:asc", label: "Utilization, lowest first" },
  { value: "value:desc", label: "Order value, highest first" },
  { value: "value:asc", label: "Order value, lowest first" },
  { value: "date:desc", label: "Order date, newest first" },
  { value: "date:asc", label: "Order date, oldest first" },
];

const SORT_COLUMN_LABEL: Record<PurchaseOrderSortKey, string> = { utilization: "Utilization", value: "Order value", date: "Order date" };

const formatDay = (format: Formatter, iso: string | null) => (iso ? format.date(iso) : "—");

/**
 * The purchase-order list: search, status filter, sort, pages, CSV export. The filters live in the
 * URL (replaced, not pushed), so a reload or a shared link shows the same list.
 */
export function PurchaseOrderList({ org, initialFilters, canImport }: { org: string; initialFilters: PurchaseOrderListFilters; canImport: boolean }) {
  const format = useFormat();
  const [filters, setFilters] = useState(initialFilters);
  const [search, setSearch] = useState(initialFilters.q);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const list = usePurchaseOrders(org, filters);

  // Typing settles for 300 ms before the list is asked again.
  useEffect(() => {
    if (search === filters.q) return;
    const timer = setTimeout(() => setFilters((f) => ({ ...f, q: search, page: 1 })), 300);
    return () => clearTimeout(timer);
  }, [search, filters.q]);

  useEffect(() => {
    const params = purchaseOrderSearchParams({ ...filters, page: filters.page > 1 ? filters.page : undefined, pageSize: undefined });
    window.history.replaceState(window.history.state, "", `${window.location.pathname}?${params}`);
  }, [filters]);

  const update = (patch: Partial<PurchaseOrderListFilters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const sortBy = (key: PurchaseOrderSortKey) =>
    update({ sort: key, dir: filters.sort === key && filters.dir === "desc" ? "asc" : "desc" });

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      const params = purchaseOrderSearchParams(filters);
      params.delete("page");
      params.delete("pageSize");
      params.set("format", "csv");
      await downloadFile(`/api/purchase-orders?${params}`, org, "purchase-orders.csv");
    } catch (error) {
      setExportError(error instanceof Error ? error.message : "The export failed");
    } finally {
      setExporting(false);
    }
  }

  const data = list.data;
  const filtered = Boolean(filters.q.trim() || filters.status);
  const thresholds = data?.thresholds;

  return (
    <div className="grid min-w-0 grid-cols-1 gap-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_11rem_15rem_auto] lg:items-end" role="search" aria-label="Purchase orders">
        <div className="grid gap-2 sm:col-span-2 lg:col-span-1">
          <Label htmlFor="po-search">Search</Label>
          <div className="relative">
            <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
            <Input
              id="po-search"
              type="search"
              className="pl-8"
              placeholder="PO number, supplier or description"
              value={search}
              maxLength={200}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="po-status">Status</Label>
          <NativeSelect id="po-status" value={filters.status} onChange={(e) => update({ status: e.target.value as PurchaseOrderListFilters["status"] })}>
            <option value="">Any status</option>
            {PO_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
          </NativeSelect>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="po-sort">Sort by</Label>
          <NativeSelect
            id="po-sort"
            value={`${filters.sort}:${filters.dir}`}
            onChange={(e) => {
              const [sort, dir] = e.target.value.split(":") as [PurchaseOrderSortKey, SortDirection];
              update({ sort, dir });
            }}
          >
            {SORT_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </NativeSelect>
        </div>
        <Button variant="outline" onClick={exportCsv} disabled={exporting || !data || data.total === 0}>
          {exporting ? <Spinner label="" /> : <Download aria-hidden="true" />}
          Export CSV
        </Button>
      </div>
      {exportError ? (
        <Alert variant="destructive">
          <AlertTitle>The export failed</AlertTitle>
          <AlertDescription>{exportError}</AlertDescription>
        </Alert>
      ) : null}

      {list.isPending ? (
        <div className="grid gap-2" aria-busy="true" aria-label="Loading purchase orders" data-testid="po-list-loading">
          {Array.from({ length: 6 }, (_, i) => <Skeleton key={i} className="h-14 w-full" />)}
        </div>
      ) : list.isError ? (
        <Alert variant="destructive">
          <AlertTitle>The purchase orders could not be loaded</AlertTitle>
          <AlertDescription>
            <p>{list.error.message}</p>
            <div><Button size="sm" variant="outline" onClick={() => void list.refetch()}>Try again</Button></div>
          </AlertDescription>
        </Alert>
      ) : data && data.items.length === 0 ? (
        <div className="flex flex-col items-center gap-3 rounded-md border py-12 text-center text-sm text-muted-foreground">
          <ClipboardList aria-hidden="true" className="size-7" />
          {filtered ? (
            <>
              <p>No purchase order matches these filters.</p>
              <Button size="sm" variant="outline" onClick={() => { setSearch(""); update({ q: "", status: "" }); }}>Clear the filters</Button>
            </>
          ) : (
            <>
              <p>No purchase orders yet.</p>
              {canImport ? (
                <Button size="sm" asChild>
                  <Link href={`/${org}/imports`}><FileSpreadsheet aria-hidden="true" />Import them from Excel</Link>
                </Button>
              ) : (
                <p>They appear here once somebody imports them.</p>
              )}
            </>
          )}
        </div>
      ) : data && thresholds ? (
        <div className={list.isPlaceholderData ? "grid min-w-0 grid-cols-1 gap-4 opacity-60 transition-opacity" : "grid min-w-0 grid-cols-1 gap-4"} aria-busy={list.isPlaceholderData}>
          {/* Wide screens: a table with sortable headers. */}
          <Table containerClassName="hidden md:block" label="Purchase orders">
              <caption className="sr-only">
                Purchase orders, sorted by {SORT_COLUMN_LABEL[filters.sort].toLowerCase()} {filters.dir === "desc" ? "descending" : "ascending"}
              </caption>
              <thead className="bg-muted/50 text-left text-xs text-muted-foreground uppercase">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">PO</th>
                  <th scope="col" className="px-3 py-2 font-medium">Supplier</th>
                  <SortHeader label="Order date" column="date" filters={filters} onSort={sortBy} />
                  <SortHeader label="Order value" column="value" filters={filters} onSort={sortBy} align="right" />
                  <th scope="col" className="px-3 py-2 text-right font-medium">Spent</th>
                  <SortHeader label="Utilization" column="utilization" filters={filters} onSort={sortBy} className="w-48" />
                  <th scope="col" className="px-3 py-2 font-medium">Status</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((po) => (
                  <tr key={po.id} className="border-t align-middle" data-testid="po-row">
                    <td className="px-3 py-2 font-medium whitespace-nowrap">
                      <Link href={`/${org}/purchase-orders/${po.id}`} className="underline-offset-4 hover:underline">{po.poNumber}</Link>
                    </td>
                    <td className="max-w-64 px-3 py-2">
                      <div className="truncate" title={po.supplier}>{po.supplier}</div>
                      {po.description ? <div className="truncate text-xs text-muted-foreground" title={po.description}>{po.description}</div> : null}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">{formatDay(format, po.orderDate)}</td>
                    <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{format.money(po.orderValue, po.currency)}</td>
                    <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{format.money(po.spent, po.currency)}</td>
                    <td className="px-3 py-2">
                      <UtilizationBar percent={po.utilizationPercent} spent={po.spent} level={po.level} thresholds={thresholds} label={`Utilization of ${po.poNumber}`} />
                    </td>
                    <td className="px-3 py-2"><PoStatusBadge status={po.status} /></td>
                  </tr>
                ))}
              </tbody>
            </Table>
          {/* Narrow screens: one card per PO. */}
          <ul className="grid gap-2 md:hidden" aria-label="Purchase orders">
            {data.items.map((po) => <PurchaseOrderCard key={po.id} org={org} po={po} thresholds={thresholds} />)}
          </ul>
          <TotalPager page={filters.page} pageSize={filters.pageSize} total={data.total} capped={data.totalCapped} onPage={(page) => setFilters((f) => ({ ...f, page }))} label="Purchase order pages" />
        </div>
      ) : null}
    </div>
  );
}

function SortHeader({
  label,
  column,
  filters,
  onSort,
  align,
  className,
}: {
  label: string;
  column: PurchaseOrderSortKey;
  filters: PurchaseOrderListFilters;
  onSort: (column: PurchaseOrderSortKey) => void;
  align?: "right";
  className?: string;
}) {
  const active = filters.sort === column;
  const Icon = !active ? ArrowUpDown : filters.dir === "desc" ? ArrowDown : ArrowUp;
  return (
    <th scope="col" aria-sort={active ? (filters.dir === "desc" ? "descending" : "ascending") : "none"} className={`px-1 py-1 font-medium ${className ?? ""}`}>
      <button
        type="button"
        onClick={() => onSort(column)}
        className={`inline-flex w-full items-center gap-1 rounded px-2 py-1 uppercase hover:bg-accent hover:text-accent-foreground ${align === "right" ? "justify-end" : ""} ${active ? "text-foreground" : ""}`}
      >
        {label}
        <Icon aria-hidden="true" className="size-3.5" />
        <span className="sr-only">{active ? `, sorted ${filters.dir === "desc" ? "descending" : "ascending"}; press to reverse` : ", press to sort"}</span>
      </button>
    </th>
  );
}

function PurchaseOrderCard({ org, po, thresholds }: { org: string; po: PurchaseOrderView; thresholds: UtilizationThresholds }) {
  const format = useFormat();
  return (
    <li className="grid gap-2 rounded-md border p-3 text-sm" data-testid="po-card">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <Link href={`/${org}/purchase-orders/${po.id}`} className="font-medium underline-offset-4 hover:underline">{po.poNumber}</Link>
          <div className="truncate text-muted-foreground">{po.supplier}</div>
        </div>
        <PoStatusBadge status={po.status} />
      </div>
      <UtilizationBar percent={po.utilizationPercent} spent={po.spent} level={po.level} thresholds={thresholds} label={`Utilization of ${po.poNumber}`} />
      <dl className="grid grid-cols-3 gap-2 text-xs">
        <div><dt className="text-muted-foreground">Value</dt><dd className="tabular-nums">{format.money(po.orderValue, po.currency)}</dd></div>
        <div><dt className="text-muted-foreground">Spent</dt><dd className="tabular-nums">{format.money(po.spent, po.currency)}</dd></div>
        <div><dt className="text-muted-foreground">Ordered</dt><dd>{formatDay(format, po.orderDate)}</dd></div>
      </dl>
    </li>
  );
}
