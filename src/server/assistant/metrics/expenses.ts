import { sql } from "@/server/db";
import type { MetricDefinition } from "../metric-types";
import { runPeriodSum } from "./period-sum";

export const expenses: MetricDefinition = {
  id: "expenses",
  label: "Expenses",
  definition: "Supplier bills (Xero ACCPAY) that are approved (AUTHORISED or PAID), excluding tax, by bill date.",
  permission: "finance.read",
  dashboardView: "financial",
  unit: "money",
  measure: "value",
  periodUse: "range",
  dimensions: ["month", "quarter", "year", "supplier"],
  defaultDimension: "month",
  filters: ["supplier"],
  ranked: true,
  source: "The daily finance rollup (finance_daily_totals), or the bills themselves when broken down or filtered by supplier",
  synonyms: ["expenses", "expense", "spending", "spend", "spent", "outgoings", "bills", "costs", "cost"],
  examples: ["Expenses by month last year", "Top 5 suppliers by expenses this year", "Expenses this quarter vs last quarter"],
  run: runPeriodSum({
    rollup: sql`t.expenses`,
    live: (orgId, from, to) => sql`
      select i.date as day, i.contact_external_id as contact, i.sub_total as amount
      from public.xero_invoices i
      where i.org_id = ${orgId} and i.type = 'ACCPAY' and i.status in ('AUTHORISED', 'PAID') and i.date between ${from}::date and ${to}::date`,
    entityLabel: "Supplier",
  }),
};
