import { toCsv } from "@/lib/to-csv";
import type { AnswerTable } from "@/lib/assistant-views";

/**
 * An answer's table as CSV (the dashboards' one CSV writer: RFC 4180, and text cells starting with
 * = + - @ are prefixed so a spreadsheet shows a contact named "=HYPERLINK(…)" instead of running it).
 */
export function answerCsv(table: AnswerTable): string {
  return toCsv(
    table.columns.map((c) => c.label),
    table.rows.map((row) => row.map((cell) => (typeof cell === "number" || cell === null ? cell : String(cell)))),
  );
}

/** A file name from the plan ("revenue-by-month-1-jul-30-sep-2026.csv"). */
export function csvFileName(plan: string | null): string {
  const base = (plan ?? "answer").toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);
  return `${base || "answer"}.csv`;
}
