import { sql } from "@/server/db";
import type { MetricDefinition } from "../metric-types";
import { filterOf, num, rowLimit } from "./metric-sql";
import { agingSums, openReceivablesTotals, receivablesByContact, type ReceivablesByContactRow } from "./open-receivables";

export const receivables: MetricDefinition = {
  id: "receivables",
  label: "Receivables",
  definition:
    "What customers owe today: the amount due on approved or submitted sales invoices. Overdue is the part past its due date. A balance, measured today in the organization's time zone, whatever period is asked.",
  permission: "finance.read",
  dashboardView: "financial",
  unit: "money",
  measure: "value",
  periodUse: "as-of",
  dimensions: ["contact"],
  defaultDimension: null,
  filters: ["contact"],
  ranked: true,
  source: "Open sales invoices, from the receivables rollups (by due date, by contact, and by contact and due date)",
  synonyms: ["accounts receivable", "receivables", "receivable", "owed to us", "are we owed", "we are owed", "owe us", "owed", "owing", "outstanding", "unpaid invoices", "unpaid", "overdue", "debtors balance", "a/r"],
  examples: ["How much are we owed?", "Receivables by contact", "How much is overdue?"],
  async run(tx, q) {
    const contact = filterOf(q, "contact");
    if (q.dimension === "contact") {
      const rows = await tx.query<ReceivablesByContactRow>(receivablesByContact(q.orgId, contact?.id ?? null, q.today, rowLimit(q)));
      const grand = num(rows[0]?.grand ?? 0);
      return {
        columns: [
          { key: "name", label: "Contact", unit: "text" },
          { key: "value", label: "Owed", unit: "money" },
          { key: "overdue", label: "Overdue", unit: "money" },
        ],
        rows: rows.map((r) => ({ id: r.id, name: r.name ?? r.id, value: num(r.total), overdue: num(Number(r.total) - Number(r.current)) })),
        totals: { value: grand, overdue: num(grand - Number(rows[0]?.grand_current ?? 0)) },
        rowCount: Number(rows[0]?.n ?? 0),
      };
    }
    const row = await tx.one<{ current: number; total: number }>(sql`
      with o as (${openReceivablesTotals(q.orgId, contact?.id ?? null)}) select ${agingSums(q.today)} from o`);
    const total = num(row.total);
    return {
      columns: [{ key: "value", label: "Owed", unit: "money" }, { key: "overdue", label: "Overdue", unit: "money" }],
      rows: [],
      totals: { value: total, overdue: num(total - num(row.current)) },
      rowCount: 0,
    };
  },
};
