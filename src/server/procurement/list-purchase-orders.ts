import { sql, type Tx } from "@/server/db";
import type { ListPurchaseOrdersQuery } from "@/lib/procurement-schemas";
import type { PurchaseOrderListView } from "@/lib/procurement-views";
import { getUtilizationThresholds } from "./get-utilization-thresholds";
import { purchaseOrderOrder, purchaseOrderWhere } from "./purchase-order-query";
import { purchaseOrderColumns, toPurchaseOrderView, type PurchaseOrderRow } from "./purchase-order-view";

/**
 * One page of the organization's purchase orders with the number that match, as the caller sees
 * them (RLS: `procurement.read`). Offset paging: the page is an ordered index scan that stops after
 * `offset + pageSize` rows; the total is a separate count over the same filter.
 */
export async function listPurchaseOrders(tx: Tx, orgId: string, query: Omit<ListPurchaseOrdersQuery, "format">): Promise<PurchaseOrderListView> {
  const thresholds = await getUtilizationThresholds(tx, orgId);
  const where = purchaseOrderWhere(orgId, query);
  const rows = await tx.query<PurchaseOrderRow>(sql`
    select ${purchaseOrderColumns} from public.purchase_orders p
    where ${where}
    order by ${purchaseOrderOrder(query)}
    limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`);
  const { total } = await tx.one<{ total: number }>(sql`select count(*)::int as total from public.purchase_orders p where ${where}`);
  return { items: rows.map((row) => toPurchaseOrderView(row, thresholds)), total, page: query.page, pageSize: query.pageSize, thresholds };
}
