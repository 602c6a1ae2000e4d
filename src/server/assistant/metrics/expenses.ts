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
  source: "The daily finance rollup (finance_daily_totals), or by contact when broken down or filtered by contact: whole months from finance_monthly_by_contact, the days of a partial month from finance_daily_by_contact",
  synonyms: ["expenses", "expense", "spending", "spend", "spent", "outgoings", "bills", "costs", "cost"],
  examples: ["Expenses by month last year", "Top 5 suppliers by expenses this year", "Expenses this quarter vs last quarter"],
  run: runPeriodSum({
    rollup: sql`t.expenses`,
    entityLabel: "Supplier",
  }),
};
