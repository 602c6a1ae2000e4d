import { sql } from "@/server/db";
import { utilizationLevel } from "@/lib/procurement-views";
import type { MetricDefinition } from "../metric-types";
import { filterOf, num, oneDecimal, rowLimit } from "./metric-sql";

const LEVEL_LABELS = { on_track: "On track", warning: "Warning", critical: "Critical", over_budget: "Over budget" } as const;

export const poUtilization: MetricDefinition = {
  id: "po_utilization",
  label: "PO utilization",
  definition:
    "Purchase orders that are not cancelled: spent (the sum of their quantity surveys) ÷ order value × 100. Levels use the organization's thresholds (warning, critical, over budget). Current figures; no period applies.",
  permission: "procurement.read",
  dashboardView: "procurement",
  unit: "percent",
  measure: "utilization",
  periodUse: "none",
  dimensions: ["po", "supplier", "job"],
  defaultDimension: "po",
  filters: ["supplier", "job"],
  ranked: true,
  source: "Purchase orders and their quantity surveys (purchase_orders.spent, utilization_percent)",
  synonyms: ["po utilization", "po utilisation", "purchase order utilization", "purchase order utilisation", "purchase orders", "purchase order", "pos", "po", "commitments", "committed spend", "quantity surveys"],
  examples: ["Which purchase orders are closest to their budget?", "PO utilization by supplier", "Top 5 purchase orders by utilization"],
  async run(tx, q) {
    const supplier = filterOf(q, "supplier");
    const job = filterOf(q, "job");
    const group = q.dimension === "supplier" ? sql`p.supplier` : q.dimension === "job" ? sql`coalesce(p.job_number, '(no job)')` : sql`p.po_number`;
    const rows = await tx.query<{ key: string; supplier: string | null; order_value: number; spent: number; n: number; total_value: number; total_spent: number }>(sql`
      with pos as (
        select p.po_number, p.supplier, p.job_number, p.order_value, p.spent
        from public.purchase_orders p
        where p.org_id = ${q.orgId} and p.status <> 'cancelled'
          ${supplier ? sql`and p.supplier = ${supplier.id}` : sql``}
          ${job ? sql`and p.job_number = ${job.code ?? job.name}` : sql``}
      ), grouped as (
        select ${group} as key, ${q.dimension === "po" || !q.dimension ? sql`max(p.supplier)` : sql`null::text`} as supplier,
               sum(p.order_value) as order_value, sum(p.spent) as spent
        from pos p group by 1
      )
      select g.*, count(*) over () as n, sum(g.order_value) over () as total_value, sum(g.spent) over () as total_spent
      from grouped g
      order by case when g.order_value = 0 then case when g.spent > 0 then 1e9 else -1 end else g.spent / g.order_value end desc, g.key
      limit ${q.dimension ? rowLimit(q) : 1}`);
    const pct = (spent: number, value: number) => (Number(value) === 0 ? null : oneDecimal((Number(spent) / Number(value)) * 100));
    const label = q.dimension === "supplier" ? "Supplier" : q.dimension === "job" ? "Job" : "Purchase order";
    const totalValue = num(rows[0]?.total_value ?? 0);
    const totalSpent = num(rows[0]?.total_spent ?? 0);
    return {
      columns: q.dimension
        ? [
            { key: "name", label, unit: "text" },
            ...(q.dimension === "po" ? [{ key: "supplier", label: "Supplier", unit: "text" as const }] : []),
            { key: "orderValue", label: "Order value", unit: "money" },
            { key: "spent", label: "Spent", unit: "money" },
            { key: "utilization", label: "Utilization %", unit: "percent" },
            { key: "level", label: "Level", unit: "text" },
          ]
        : [{ key: "utilization", label: "Utilization %", unit: "percent" }],
      rows: q.dimension
        ? rows.map((r) => ({
            id: r.key,
            name: r.key,
            ...(q.dimension === "po" ? { supplier: r.supplier ?? "" } : {}),
            orderValue: num(r.order_value),
            spent: num(r.spent),
            utilization: pct(r.spent, r.order_value),
            level: LEVEL_LABELS[utilizationLevel(null, r.order_value, r.spent, q.thresholds)],
          }))
        : [],
      totals: { utilization: pct(totalSpent, totalValue), orderValue: totalValue, spent: totalSpent, count: Number(rows[0]?.n ?? 0) },
      rowCount: q.dimension ? Number(rows[0]?.n ?? 0) : 0,
    };
  },
};
