import { sql } from "@/server/db";
import { utilizationLevel, type PurchaseOrderStatus, type PurchaseOrderView, type RecordSource, type UtilizationThresholds } from "@/lib/procurement-views";

/**
 * The columns of a PurchaseOrderView, for a query over `public.purchase_orders p`. Money and
 * percentages travel as text so they stay exact decimals; the XPM job with the PO's job number is
 * looked up at read time (one index probe per row), so a job synced later links by itself.
 */
export const purchaseOrderColumns = sql`
  p.id, p.po_number as "poNumber", p.supplier, p.description, p.order_value::text as "orderValue", p.currency,
  p.order_date as "orderDate", p.job_number as "jobNumber", p.status, p.spent::text as spent,
  p.utilization_percent::text as "utilizationPercent", p.source, p.import_id as "importId",
  p.created_at as "createdAt", p.updated_at as "updatedAt",
  (select json_build_object('id', j.id, 'name', j.name) from public.xpm_jobs j
    where j.org_id = p.org_id and j.job_number = p.job_number order by j.id limit 1) as job`;

export interface PurchaseOrderRow {
  id: string;
  poNumber: string;
  supplier: string;
  description: string | null;
  orderValue: string;
  currency: string;
  orderDate: string | null;
  jobNumber: string | null;
  status: PurchaseOrderStatus;
  spent: string;
  utilizationPercent: string | null;
  source: RecordSource;
  importId: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  job: { id: string; name: string } | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();

export function toPurchaseOrderView(row: PurchaseOrderRow, thresholds: UtilizationThresholds): PurchaseOrderView {
  return {
    id: row.id,
    poNumber: row.poNumber,
    supplier: row.supplier,
    description: row.description,
    orderValue: row.orderValue,
    currency: row.currency,
    orderDate: row.orderDate,
    jobNumber: row.jobNumber,
    job: row.job,
    status: row.status,
    spent: row.spent,
    utilizationPercent: row.utilizationPercent,
    level: utilizationLevel(row.utilizationPercent, row.orderValue, row.spent, thresholds),
    source: row.source,
    importId: row.importId,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
