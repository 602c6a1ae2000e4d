import { sql, type Tx } from "@/server/db";
import type { ListPurchaseOrdersQuery } from "@/lib/procurement-schemas";
import type { PurchaseOrderListView } from "@/lib/procurement-views";
import { cappedCount } from "./capped-count";
import { getUtilizationThresholds } from "./get-utilization-thresholds";
import { purchaseOrderOrder, purchaseOrderWhere } from "./purchase-order-query";
import { purchaseOrderColumns, toPurchaseOrderView, type PurchaseOrderRow } from "./purchase-order-view";

/**
 * One page of the organization's purchase orders with the number that match, as the caller sees
 * them (RLS: `procurement.read`). Offset paging. Without a search the page is an ordered index scan
 * that stops after `offset + pageSize` rows and the total a count capped COUNT_CAP rows past the
 * page; a search has to read every PO of the organization anyway, so page and exact total come from
 * that one pass (a window count).
 */
export async function listPurchaseOrders(tx: Tx, orgId: string, query: Omit<ListPurchaseOrdersQuery, "format">): Promise<PurchaseOrderListView> {
  const thresholds = await getUtilizationThresholds(tx, orgId);
  const where = purchaseOrderWhere(orgId, query);
  const offset = (query.page - 1) * query.pageSize;
  let rows: (PurchaseOrderRow & { total?: number })[];
  let total: number | undefined;
  let totalCapped = false;
  if (query.q) {
    // The window picks the page's ids; the full columns (and job look-ups) are read for those only.
    rows = await tx.query<PurchaseOrderRow & { total: number }>(sql`
      with found as (
        select p.id, count(*) over ()::int as total from public.purchase_orders p
        where ${where}
        order by ${purchaseOrderOrder(query)}
        limit ${query.pageSize} offset ${offset})
      select ${purchaseOrderColumns}, found.total
      from found join public.purchase_orders p on p.id = found.id
      order by ${purchaseOrderOrder(query)}`);
    total = rows[0]?.total;
  } else {
    rows = await tx.query<PurchaseOrderRow>(sql`
      select ${purchaseOrderColumns} from public.purchase_orders p
      where ${where}
      order by ${purchaseOrderOrder(query)}
      limit ${query.pageSize} offset ${offset}`);
  }
  if (total === undefined) {
    // No search, or a search page past the end (no row carries the window count).
    ({ total, capped: totalCapped } = await cappedCount(tx, sql`public.purchase_orders p`, where, offset));
  }
  return {
    items: rows.map(({ total: _total, ...row }) => toPurchaseOrderView(row, thresholds)),
    total,
    totalCapped,
    page: query.page,
    pageSize: query.pageSize,
    thresholds,
  };
}
