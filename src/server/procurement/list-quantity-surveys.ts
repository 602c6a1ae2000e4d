import { sql, type Tx } from "@/server/db";
import type { ListQuantitySurveysQuery } from "@/lib/procurement-schemas";
import type { QuantitySurveyListView } from "@/lib/procurement-views";
import { cappedCount } from "./capped-count";
import { quantitySurveyColumns, toQuantitySurveyView, type QuantitySurveyRow } from "./quantity-survey-view";

/**
 * One page of the organization's quantity surveys, newest valuation first, optionally those of one
 * PO (by its number). Both orders are index scans (quantity_surveys_org_date_idx, or the PO's
 * quantity_surveys_po_date_idx); the total is counted up to COUNT_CAP rows past the page.
 */
export async function listQuantitySurveys(tx: Tx, orgId: string, query: ListQuantitySurveysQuery): Promise<QuantitySurveyListView> {
  const where = query.poNumber
    ? sql`q.org_id = ${orgId} and q.po_id = (select id from public.purchase_orders where org_id = ${orgId} and po_number = ${query.poNumber})`
    : sql`q.org_id = ${orgId}`;
  const rows = await tx.query<QuantitySurveyRow>(sql`
    select ${quantitySurveyColumns}
    from public.quantity_surveys q join public.purchase_orders p on p.id = q.po_id
    where ${where}
    order by q.valuation_date desc, q.id desc
    limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`);
  const { total, capped } = await cappedCount(tx, sql`public.quantity_surveys q`, where, (query.page - 1) * query.pageSize);
  return { items: rows.map(toQuantitySurveyView), total, totalCapped: capped, page: query.page, pageSize: query.pageSize };
}
