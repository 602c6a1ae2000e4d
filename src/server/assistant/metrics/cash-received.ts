import { sql } from "@/server/db";
import type { MetricDefinition } from "../metric-types";
import { runPeriodSum } from "./period-sum";

export const cashReceived: MetricDefinition = {
  id: "cash_received",
  label: "Cash received",
  definition: "Payments received against sales invoices (Xero ACCRECPAYMENT, not deleted), by payment date.",
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
  synonyms: ["cash received", "cash receipts", "cash collected", "payments received", "money received", "money in", "cash in", "collections", "collected", "received", "receipts", "cash"],
  examples: ["How much cash did we receive last month?", "Cash received by month this year", "Cash received this quarter vs last quarter"],
  run: runPeriodSum({
    rollup: sql`t.cash_received`,
    entityLabel: "Contact",
  }),
};
