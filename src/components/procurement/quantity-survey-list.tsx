"use client";

import { Ruler } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";

import { useFormat } from "@/components/format-provider";
import { TotalPager } from "@/components/total-pager";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { PurchaseOrderCombobox } from "./purchase-order-combobox";
import { useQuantitySurveys, type QuantitySurveyListFilters } from "./procurement-queries";
import { Table } from "@/components/ui/table";


/** Every quantity survey of the organization, newest valuation first; filter by purchase order. */
export function QuantitySurveyList({ org, initialFilters }: { org: string; initialFilters: QuantitySurveyListFilters }) {
  const format = useFormat();
  const [filters, setFilters] = useState(initialFilters);
  const list = useQuantitySurveys(org, filters);

  useEffect(() => {
    const params = new URLSearchParams();
    if (filters.poNumber.trim()) params.set("poNumber", filters.poNumber.trim());
    if (filters.page > 1) params.set("page", String(filters.page));
    const qs = params.toString();
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${qs ? `?${qs}` : ""}`);
  }, [filters]);

  const data = list.data;
  return (
    <div className="grid min-w-0 grid-cols-1 gap-4">
      <div className="grid max-w-sm gap-2" role="search" aria-label="Quantity surveys">
        <Label htmlFor="qs-po">Purchase order</Label>
        <PurchaseOrderCombobox id="qs-po" org={org} value={filters.poNumber || null} onChange={(poNumber) => setFilters((f) => ({ ...f, poNumber: poNumber ?? "", page: 1 }))} />
      </div>

      {list.isPending ? (
        <div className="grid gap-2" aria-busy="true" aria-label="Loading quantity surveys">
          {Array.from({ length: 6 }, (_, i) => <Skeleton key={i} className="h-10 w-full" />)}
        </div>
      ) : list.isError ? (
        <Alert variant="destructive">
          <AlertTitle>The quantity surveys could not be loaded</AlertTitle>
          <AlertDescription>
            <p>{list.error.message}</p>
            <div><Button size="sm" variant="outline" onClick={() => void list.refetch()}>Try again</Button></div>
          </AlertDescription>
        </Alert>
      ) : data && data.items.length === 0 ? (
        <div className="flex flex-col items-center gap-2 rounded-md border py-12 text-center text-sm text-muted-foreground">
          <Ruler aria-hidden="true" className="size-7" />
          {filters.poNumber ? `No quantity survey of a PO numbered “${filters.poNumber}”.` : "No quantity surveys yet. They appear here once somebody imports them."}
        </div>
      ) : data ? (
        <div className={cn("grid min-w-0 grid-cols-1 gap-4", list.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={list.isPlaceholderData}>
          <Table label="Quantity surveys">
              <caption className="sr-only">Quantity surveys, newest valuation first</caption>
              <thead className="bg-muted/50 text-left text-xs text-muted-foreground uppercase">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">Valuation date</th>
                  <th scope="col" className="px-3 py-2 font-medium">QS</th>
                  <th scope="col" className="px-3 py-2 font-medium">PO</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Amount</th>
                  <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">Description</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((qs) => (
                  <tr key={qs.id} className="border-t" data-testid="qs-list-row">
                    <td className="px-3 py-2 whitespace-nowrap">{format.date(qs.valuationDate)}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{qs.qsNumber}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      <Link href={`/${org}/purchase-orders/${qs.poId}`} className="underline-offset-4 hover:underline">{qs.poNumber}</Link>
                    </td>
                    <td className={cn("px-3 py-2 text-right whitespace-nowrap tabular-nums", qs.amount.startsWith("-") && "text-destructive")}>{format.money(qs.amount, qs.currency)}</td>
                    <td className="hidden max-w-md truncate px-3 py-2 text-muted-foreground md:table-cell" title={qs.description ?? undefined}>{qs.description ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          <TotalPager page={filters.page} pageSize={filters.pageSize} total={data.total} capped={data.totalCapped} onPage={(page) => setFilters((f) => ({ ...f, page }))} label="Quantity survey pages" />
        </div>
      ) : null}
    </div>
  );
}
