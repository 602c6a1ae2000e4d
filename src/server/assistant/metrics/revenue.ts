import { sql } from "@/server/db";
import type { MetricDefinition } from "../metric-types";
import { runPeriodSum } from "./period-sum";

export const revenue: MetricDefinition = {
  id: "revenue",
  label: "Revenue",
  definition:
    "Sales invoices (Xero ACCREC) that are approved (AUTHORISED or PAID), excluding tax, by invoice date. Drafts, submitted, voided and deleted invoices are not revenue.",
  permission: "finance.read",
  dashboardView: "financial",
  unit: "money",
  measure: "value",
  periodUse: "range",
  dimensions: ["month", "quarter", "year", "contact"],
  defaultDimension: "month",
  filters: ["contact"],
  ranked: true,
  source: "The daily finance rollup (finance_daily_totals), or by contact when broken down or filtered by contact: whole months from finance_monthly_by_contact, the days of a partial month from finance_daily_by_contact",
  synonyms: ["revenue", "sales", "turnover", "income", "invoiced", "invoice", "billed", "billings", "earned", "earn", "top line"],
  examples: ["What was revenue last month?", "Revenue by month this year", "Top 5 clients by revenue this year", "How did revenue this quarter compare with last year?"],
  run: runPeriodSum({
    rollup: sql`t.revenue`,
    entityLabel: "Contact",
  }),
};
