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
  source: "The daily finance rollup (finance_daily_totals), or the invoices themselves when broken down or filtered by contact",
  synonyms: ["revenue", "sales", "turnover", "income", "invoiced", "invoice", "billed", "billings", "earned", "earn", "top line"],
  examples: ["What was revenue last month?", "Revenue by month this year", "Top 5 clients by revenue this year", "How did revenue this quarter compare with last year?"],
  run: runPeriodSum({
    rollup: sql`t.revenue`,
    live: (orgId, from, to) => sql`
      select i.date as day, i.contact_external_id as contact, i.sub_total as amount
      from public.xero_invoices i
      where i.org_id = ${orgId} and i.type = 'ACCREC' and i.status in ('AUTHORISED', 'PAID') and i.date between ${from}::date and ${to}::date`,
    entityLabel: "Contact",
  }),
};
