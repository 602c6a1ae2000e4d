"use client";

import { Download } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import type { AnswerTable as AnswerTableView } from "@/lib/assistant-views";
import { answerCsv, csvFileName } from "./answer-csv";
import { useFormat } from "@/components/format-provider";
import { formatFigure } from "./format-figure";

/** The rows behind an answer, scrollable on a phone, downloadable as CSV. */
export function AnswerTable({ table, currency, plan }: { table: AnswerTableView; currency: string; plan: string | null }) {
  const format = useFormat();
  const download = () => {
    const url = URL.createObjectURL(new Blob([answerCsv(table)], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = csvFileName(plan);
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  };
  return (
    <section className="grid gap-2" aria-label="Table">
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs text-muted-foreground">
          {table.rows.length} {table.rows.length === 1 ? "row" : "rows"}
        </p>
        <Button type="button" variant="outline" size="sm" onClick={download}>
          <Download aria-hidden />
          Download CSV
        </Button>
      </div>
      <Table containerClassName="max-h-80 overflow-y-auto rounded-lg" label="Rows behind the answer">
          <thead className="sticky top-0 bg-muted/80 backdrop-blur">
            <tr>
              {table.columns.map((c) => (
                <th key={c.key} scope="col" className={`px-3 py-2 font-medium whitespace-nowrap ${c.unit === "text" ? "text-left" : "text-right"}`}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i} className="border-t">
                {row.map((cell, j) => {
                  const column = table.columns[j]!;
                  return (
                    <td key={j} className={`px-3 py-1.5 ${column.unit === "text" ? "text-left" : "text-right tabular-nums whitespace-nowrap"}`}>
                      {typeof cell === "number" && column.unit !== "text" ? formatFigure(format, cell, column.unit, currency) : (cell ?? "—")}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </Table>
    </section>
  );
}
