import { sql, type Tx } from "@/server/db";
import { toCsv } from "@/lib/to-csv";
import type { PurchaseOrderFilters } from "@/lib/procurement-schemas";
import { getUtilizationThresholds } from "./get-utilization-thresholds";
import { purchaseOrderOrder, purchaseOrderWhere } from "./purchase-order-query";
import { purchaseOrderColumns, toPurchaseOrderView, type PurchaseOrderRow } from "./purchase-order-view";

/** One export is every PO an organization is expected to hold; past this it is cut (and says so). */
export const PO_EXPORT_LIMIT = 100_000;

const HEADER = [
  "PO Number", "Supplier", "Description", "Order Value", "Currency", "Order Date", "Job Number", "Status",
  "Spent", "Utilization %", "Level", "Source", "Updated At",
];

/**
 * Every PO matching the list's filters, in the list's order, as CSV. Supplier and description come
 * from uploaded spreadsheets, so toCsv neutralizes anything a spreadsheet would run as a formula.
 */
export async function exportPurchaseOrdersCsv(tx: Tx, orgId: string, filters: PurchaseOrderFilters): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const thresholds = await getUtilizationThresholds(tx, orgId);
  const rows = await tx.query<PurchaseOrderRow>(sql`
    select ${purchaseOrderColumns} from public.purchase_orders p
    where ${purchaseOrderWhere(orgId, filters)}
    order by ${purchaseOrderOrder(filters)}
    limit ${PO_EXPORT_LIMIT + 1}`);
  const truncated = rows.length > PO_EXPORT_LIMIT;
  const views = rows.slice(0, PO_EXPORT_LIMIT).map((row) => toPurchaseOrderView(row, thresholds));
  const csv = toCsv(
    HEADER,
    views.map((po) => [
      po.poNumber, po.supplier, po.description, po.orderValue, po.currency, po.orderDate, po.jobNumber, po.status,
      po.spent, po.utilizationPercent, po.level, po.source, po.updatedAt,
    ]),
  );
  return { csv: csv + "\r\n", rows: views.length, truncated };
}
