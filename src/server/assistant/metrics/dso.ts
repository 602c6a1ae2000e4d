import { sql } from "@/server/db";
import type { MetricDefinition } from "../metric-types";
import { daysBetween } from "../periods";
import { num, oneDecimal } from "./metric-sql";
import { openReceivablesTotals } from "./open-receivables";

export const dso: MetricDefinition = {
  id: "dso",
  label: "Days sales outstanding",
  definition:
    "DSO = receivables owed today ÷ revenue over the period × days in the period, as on the Financial overview. Revenue is approved sales invoices excluding tax; receivables are the amounts still due.",
  permission: "finance.read",
  dashboardView: "financial",
  unit: "days",
  measure: "value",
  periodUse: "range",
  dimensions: [],
  defaultDimension: null,
  filters: [],
  ranked: false,
  source: "The receivables rollup by due date (receivables_by_due) and the daily finance rollup (finance_daily_totals)",
  synonyms: ["days sales outstanding", "debtor days", "dso", "how long to get paid", "how long do customers take", "how quickly do we get paid", "collection period", "days to pay", "days to collect"],
  examples: ["What is our DSO?", "DSO over the last 90 days", "How long do customers take to pay?"],
  async run(tx, q) {
    const { from, to } = q.period;
    const row = await tx.one<{ receivables: number; revenue: number }>(sql`
      select (select coalesce(sum(o.amount_due), 0) from (${openReceivablesTotals(q.orgId, null)}) o) as receivables,
             (select coalesce(sum(t.revenue), 0) from public.finance_daily_totals t
               where t.org_id = ${q.orgId} and t.day between ${from}::date and ${to}::date) as revenue`);
    const receivables = num(row.receivables);
    const revenue = num(row.revenue);
    const days = daysBetween(from, to);
    return {
      columns: [{ key: "value", label: "DSO (days)", unit: "days" }],
      rows: [],
      totals: { value: revenue > 0 ? oneDecimal((receivables / revenue) * days) : null, receivables, revenue, days },
      rowCount: 0,
    };
  },
};
