import { sql } from "@/server/db";
import type { MetricDefinition } from "../metric-types";
import { filterOf, num, rowLimit } from "./metric-sql";
import { AGING_BUCKETS, agingSums, openReceivablesTotals, receivablesByContact, type ReceivablesByContactRow } from "./open-receivables";

export const aging: MetricDefinition = {
  id: "aging",
  label: "Receivables aging",
  definition:
    "What customers owe today, bucketed by days past the due date: current (not yet due), 1–30, 31–60, 61–90 and over 90 days. Measured today in the organization's time zone.",
  permission: "finance.read",
  dashboardView: "financial",
  unit: "money",
  measure: "value",
  periodUse: "as-of",
  dimensions: ["bucket", "contact"],
  defaultDimension: "bucket",
  filters: ["contact"],
  ranked: true,
  source: "Open sales invoices, from the receivables rollups (by due date, by contact, and by contact and due date)",
  synonyms: ["receivables aging", "receivables ageing", "receivable aging", "aged receivables", "aged debtors", "aging buckets", "ageing buckets", "aging", "ageing", "aged", "days past due", "how late", "how old"],
  examples: ["Show the receivables aging", "Aging by contact", "How much is over 90 days?"],
  async run(tx, q) {
    const contact = filterOf(q, "contact");
    if (q.dimension === "contact") {
      const rows = await tx.query<ReceivablesByContactRow>(receivablesByContact(q.orgId, contact?.id ?? null, q.today, rowLimit(q)));
      return {
        columns: [
          { key: "name", label: "Contact", unit: "text" },
          ...AGING_BUCKETS.map((b) => ({ key: b.key, label: b.label, unit: "money" as const })),
          { key: "value", label: "Total", unit: "money" },
        ],
        rows: rows.map((r) => ({
          id: r.id, name: r.name ?? r.id, current: num(r.current), d30: num(r.d30), d60: num(r.d60), d90: num(r.d90), d90plus: num(r.d90plus), value: num(r.total),
        })),
        totals: { value: num(rows[0]?.grand ?? 0) },
        rowCount: Number(rows[0]?.n ?? 0),
      };
    }
    const row = await tx.one<Record<string, number>>(sql`with o as (${openReceivablesTotals(q.orgId, contact?.id ?? null)}) select ${agingSums(q.today)} from o`);
    return {
      columns: [{ key: "key", label: "Days past due", unit: "text" }, { key: "value", label: "Owed", unit: "money" }],
      rows: AGING_BUCKETS.map((b) => ({ key: b.label, value: num(row[b.key]) })),
      totals: { value: num(row.total), ...Object.fromEntries(AGING_BUCKETS.map((b) => [b.key, num(row[b.key])])) },
      rowCount: AGING_BUCKETS.length,
    };
  },
};
