import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import { QS_DETAIL_LIMIT, type PurchaseOrderDetailView, type PurchaseOrderImportRef, type SpendPoint } from "@/lib/procurement-views";
import { getUtilizationThresholds } from "./get-utilization-thresholds";
import { purchaseOrderColumns, toPurchaseOrderView, type PurchaseOrderRow } from "./purchase-order-view";
import { quantitySurveyColumns, toQuantitySurveyView, type QuantitySurveyRow } from "./quantity-survey-view";

interface ImportRefRow extends Omit<PurchaseOrderImportRef, "createdAt"> {
  createdAt: Date | string;
}

/**
 * A PO with its quantity surveys (oldest valuation first), its spend per valuation date for the
 * chart, and the imports that wrote it. Unknown ids and other organizations' POs are the same 404:
 * RLS hides them, and the organization is named explicitly as well.
 *
 * "Wrote it": the import that created the PO, the one that last updated it, earlier updates recorded
 * for Undo (visible to importers only, as their RLS says), and imports of its quantity surveys.
 */
export async function getPurchaseOrder(tx: Tx, orgId: string, id: string): Promise<PurchaseOrderDetailView> {
  const row = await tx.maybeOne<PurchaseOrderRow>(sql`
    select ${purchaseOrderColumns} from public.purchase_orders p where p.org_id = ${orgId} and p.id = ${id}`);
  if (!row) throw notFound("Purchase order");
  const thresholds = await getUtilizationThresholds(tx, orgId);

  const surveys = await tx.query<QuantitySurveyRow>(sql`
    select ${quantitySurveyColumns}
    from public.quantity_surveys q join public.purchase_orders p on p.id = q.po_id
    where q.org_id = ${orgId} and q.po_id = ${id}
    order by q.valuation_date, q.qs_number, q.id
    limit ${QS_DETAIL_LIMIT}`);

  const series = await tx.query<SpendPoint & { count: number }>(sql`
    select d.date, d.amount::text as amount, (sum(d.amount) over (order by d.date))::text as cumulative, d.count
    from (select valuation_date as date, sum(amount) as amount, count(*)::int as count
            from public.quantity_surveys where org_id = ${orgId} and po_id = ${id}
           group by valuation_date) d
    order by d.date`);

  const imports = await tx.query<ImportRefRow>(sql`
    with wrote as (
      select p.created_import_id as import_id, 'created' as effect from public.purchase_orders p
       where p.id = ${id} and p.created_import_id is not null
      union
      select p.import_id, 'updated' from public.purchase_orders p
       where p.id = ${id} and p.import_id is not null and p.import_id is distinct from p.created_import_id
      union
      select c.import_id, 'updated' from public.import_changes c
       where c.org_id = ${orgId} and c.table_name = 'purchase_orders' and c.row_id = ${id}
      union
      select unnest(array[q.import_id, q.created_import_id]), 'quantity_surveys' from public.quantity_surveys q
       where q.org_id = ${orgId} and q.po_id = ${id}
    )
    select i.id, i.type, i.file_name as "fileName", i.status, i.created_at as "createdAt",
           array_agg(distinct w.effect order by w.effect) as effects,
           case when i.created_by is null then null
                else json_build_object('id', i.created_by, 'email', u.email, 'name', nullif(u.full_name, '')) end as "createdBy"
    from wrote w
    join public.imports i on i.id = w.import_id and i.org_id = ${orgId}
    left join public.user_profiles u on u.user_id = i.created_by
    group by i.id, u.email, u.full_name
    order by i.created_at desc, i.id`);

  return {
    ...toPurchaseOrderView(row, thresholds),
    quantitySurveys: surveys.map(toQuantitySurveyView),
    quantitySurveyTotal: series.reduce((n, point) => n + point.count, 0),
    spendSeries: series.map(({ date, amount, cumulative }) => ({ date, amount, cumulative })),
    imports: imports.map((i) => ({ ...i, createdAt: new Date(i.createdAt).toISOString() })),
    thresholds,
  };
}
