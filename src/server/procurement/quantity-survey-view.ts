import { sql } from "@/server/db";
import type { QuantitySurveyView, RecordSource } from "@/lib/procurement-views";

/** The columns of a QuantitySurveyView over `public.quantity_surveys q join public.purchase_orders p`. */
export const quantitySurveyColumns = sql`
  q.id, q.qs_number as "qsNumber", q.po_id as "poId", p.po_number as "poNumber", p.currency, q.valuation_date as "valuationDate",
  q.amount::text as amount, q.description, q.source, q.import_id as "importId", q.created_at as "createdAt", q.updated_at as "updatedAt"`;

export interface QuantitySurveyRow extends Omit<QuantitySurveyView, "createdAt" | "updatedAt" | "source"> {
  source: RecordSource;
  createdAt: Date | string;
  updatedAt: Date | string;
}

export function toQuantitySurveyView(row: QuantitySurveyRow): QuantitySurveyView {
  return { ...row, createdAt: new Date(row.createdAt).toISOString(), updatedAt: new Date(row.updatedAt).toISOString() };
}
