import { sql, type Tx } from "@/server/db";
import type { SqlQuery } from "@/server/db/sql";
import type { AlertPersonView, AlertView } from "@/lib/alert-views";

interface AlertRow extends Omit<AlertView, "openedAt" | "lastEscalatedAt" | "acknowledgedAt" | "resolvedAt" | "acknowledgedBy"> {
  openedAt: Date | string;
  lastEscalatedAt: Date | string;
  acknowledgedAt: Date | string | null;
  resolvedAt: Date | string | null;
  acknowledgedBy: AlertPersonView | null;
  total: number;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/**
 * Alerts as the API shows them, with their PO's number, supplier and figures and who acknowledged.
 * `where` filters `alerts a` / `purchase_orders p`; `tail` orders and limits. RLS (alerts.read and
 * procurement.read) applies; callers still filter by organization. `total` counts the matches
 * before `tail`'s limit.
 */
export async function loadAlerts(tx: Tx, where: SqlQuery, tail: SqlQuery = sql`order by a.last_escalated_at desc, a.id`): Promise<{ items: AlertView[]; total: number }> {
  const rows = await tx.query<AlertRow>(sql`
    select a.id, a.po_id as "poId", p.po_number as "poNumber", p.supplier, a.level, a.peak_level as "peakLevel", a.status,
           a.utilization_percent::text as "utilizationPercent", a.opened_utilization::text as "openedUtilizationPercent",
           p.order_value::text as "orderValue", p.spent::text as spent, p.currency, p.status as "poStatus", a.regression,
           a.below_warning_streak as "belowWarningStreak", a.opened_at as "openedAt", a.last_escalated_at as "lastEscalatedAt",
           a.acknowledged_at as "acknowledgedAt",
           case when a.acknowledged_by is null then null
                else jsonb_build_object('id', a.acknowledged_by, 'name', nullif(u.full_name, ''), 'email', u.email) end as "acknowledgedBy",
           a.note, a.resolved_at as "resolvedAt", a.resolved_reason as "resolvedReason",
           count(*) over ()::int as total
      from public.alerts a
      join public.purchase_orders p on p.id = a.po_id
      left join public.user_profiles u on u.user_id = a.acknowledged_by
     where ${where}
     ${tail}`);
  const items = rows.map(({ total: _total, ...row }) => ({
    ...row,
    openedAt: iso(row.openedAt)!,
    lastEscalatedAt: iso(row.lastEscalatedAt)!,
    acknowledgedAt: iso(row.acknowledgedAt),
    resolvedAt: iso(row.resolvedAt),
  }));
  return { items, total: rows[0]?.total ?? 0 };
}
