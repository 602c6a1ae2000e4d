"use client";

import { ArrowDown, ArrowUp, Download } from "lucide-react";
import { createContext, useContext, useMemo, useState } from "react";

import { useFormat } from "@/components/format-provider";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { DASHBOARD_TABLES, type DashboardTableKey, type TableColumn, type TablePage } from "@/lib/dashboard-views";

/** Starts a download of `href` (the server's CSV of every row) without leaving the page. */
function download(href: string) {
  const a = document.createElement("a");
  a.href = href;
  a.download = "";
  a.click();
}

/** What every table of one dashboard shares: the currency of its amounts and where its CSVs come from. */
export const DashboardTables = createContext<{ currency: string; exportHref: (table: DashboardTableKey) => string }>({
  currency: "USD",
  exportHref: () => "#",
});

/**
 * One table of a dashboard, sortable (click a header, or Enter on it). It holds the table's first
 * rows of `page.total` in all and says so; the CSV comes from the server and holds every row.
 */
export function DataTable<Row extends object>({
  table,
  page,
  columns,
  initialSort,
  empty = "Nothing to show for this range.",
  limit = 50,
}: {
  table: DashboardTableKey;
  page: TablePage<Row>;
  columns: TableColumn<Row>[];
  initialSort?: { key: keyof Row & string; desc: boolean };
  empty?: string;
  limit?: number;
}) {
  const { currency, exportHref } = useContext(DashboardTables);
  const fmt = useFormat();
  const { title } = DASHBOARD_TABLES[table];
  const { rows, total } = page;
  const csvHref = exportHref(table);
  const [sort, setSort] = useState(initialSort ?? { key: columns[0]!.key, desc: false });
  const sorted = useMemo(() => {
    const copy = [...rows];
    copy.sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      const order = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""));
      return sort.desc ? -order : order;
    });
    return copy;
  }, [rows, sort]);

  const format = (column: TableColumn<Row>, value: unknown): string => {
    if (value === null || value === undefined) return "—";
    if (column.kind === "money") return fmt.money(value as number, currency, { signed: column.signed });
    if (column.kind === "number" || column.kind === "percent") return fmt.number(value as number, 1);
    return String(value);
  };
  const partial = total > rows.length;
  const shown = Math.min(limit, sorted.length);
  const count = fmt.number(total);

  return (
    <section className="grid gap-2" aria-label={title}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="grid gap-0.5">
          <h3 className="font-medium">{title}</h3>
          {partial ? (
            <p className="text-xs text-muted-foreground" data-testid="table-extent">
              Top {rows.length} of {count} — the CSV has all {count}
            </p>
          ) : null}
        </div>
        <Button variant="outline" size="sm" onClick={() => download(csvHref)} disabled={total === 0}>
          <Download aria-hidden="true" /> CSV<span className="sr-only"> of all {count} rows of {title}</span>
        </Button>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">{empty}</p>
      ) : (
        <div className="grid gap-1">
          <Table>
            <TableCaption>
              {title}: {partial ? `the first ${rows.length} of ${count} rows` : `${count} rows`}
            </TableCaption>
            <TableHeader>
              <TableRow>
                {columns.map((c) => {
                  const active = sort.key === c.key;
                  const numeric = c.kind !== "text";
                  return (
                    <TableHead key={c.key} numeric={numeric} aria-sort={active ? (sort.desc ? "descending" : "ascending") : "none"}>
                      <button
                        type="button"
                        className="inline-flex items-center gap-1 rounded-sm uppercase hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden"
                        onClick={() => setSort({ key: c.key, desc: active ? !sort.desc : numeric })}
                      >
                        {c.label}
                        {active ? sort.desc ? <ArrowDown className="size-3" aria-hidden="true" /> : <ArrowUp className="size-3" aria-hidden="true" /> : null}
                      </button>
                    </TableHead>
                  );
                })}
              </TableRow>
            </TableHeader>
            <TableBody>
              {sorted.slice(0, limit).map((row, i) => (
                <TableRow key={i}>
                  {columns.map((c) => (
                    <TableCell key={c.key} numeric={c.kind !== "text"}>
                      {format(c, row[c.key])}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {shown < total ? (
            <p className="px-1 text-xs text-muted-foreground">
              Showing {shown} of {count} rows{partial ? `; sorting reorders the top ${rows.length}` : ""}. The CSV has all {count}.
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
