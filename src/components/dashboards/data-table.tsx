"use client";

import { ArrowDown, ArrowUp, Download } from "lucide-react";
import { useMemo, useState } from "react";

import { Button } from "@/components/ui/button";
import { toCsv } from "@/lib/to-csv";

export interface Column<Row> {
  key: keyof Row & string;
  label: string;
  numeric?: boolean;
  format?: (value: Row[keyof Row], row: Row) => string;
}

/** A sortable table (click a header, or Enter on it) with CSV export of all its rows. */
export function DataTable<Row extends object>({
  title,
  rows,
  columns,
  initialSort,
  fileName,
  empty = "Nothing to show for this range.",
  limit = 50,
}: {
  title: string;
  rows: Row[];
  columns: Column<Row>[];
  initialSort?: { key: keyof Row & string; desc: boolean };
  fileName: string;
  empty?: string;
  limit?: number;
}) {
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

  const download = () => {
    const csv = toCsv(
      columns.map((c) => c.label),
      sorted.map((row) => columns.map((c) => (row[c.key] as string | number | null) ?? null)),
    );
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${fileName}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <section className="grid gap-2" aria-label={title}>
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-medium">{title}</h3>
        <Button variant="outline" size="sm" onClick={download} disabled={rows.length === 0}>
          <Download aria-hidden="true" /> CSV
        </Button>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">{empty}</p>
      ) : (
        <div className="overflow-x-auto rounded-md border">
          <table className="w-full text-sm">
            <thead className="bg-muted/50">
              <tr>
                {columns.map((c) => {
                  const active = sort.key === c.key;
                  return (
                    <th
                      key={c.key}
                      scope="col"
                      aria-sort={active ? (sort.desc ? "descending" : "ascending") : "none"}
                      className={`px-3 py-2 font-medium ${c.numeric ? "text-right" : "text-left"}`}
                    >
                      <button
                        type="button"
                        className="inline-flex items-center gap-1 rounded-sm hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden"
                        onClick={() => setSort({ key: c.key, desc: active ? !sort.desc : Boolean(c.numeric) })}
                      >
                        {c.label}
                        {active ? sort.desc ? <ArrowDown className="size-3" aria-hidden="true" /> : <ArrowUp className="size-3" aria-hidden="true" /> : null}
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {sorted.slice(0, limit).map((row, i) => (
                <tr key={i} className="border-t">
                  {columns.map((c) => (
                    <td key={c.key} className={`px-3 py-2 ${c.numeric ? "text-right tabular-nums" : ""}`}>
                      {c.format ? c.format(row[c.key], row) : String(row[c.key] ?? "")}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {sorted.length > limit ? (
            <p className="border-t px-3 py-2 text-xs text-muted-foreground">
              Showing {limit} of {sorted.length} rows; the CSV has them all.
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
