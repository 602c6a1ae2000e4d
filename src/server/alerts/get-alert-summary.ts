import { sql, type Tx } from "@/server/db";
import type { AlertSummaryView } from "@/lib/alert-views";

/** For the navigation badge: one index scan of the organization's unresolved alerts. */
export async function getAlertSummary(tx: Tx, orgId: string): Promise<AlertSummaryView> {
  const row = await tx.one<{ open: number; acknowledged: number; on_track: number; warning: number; critical: number; over_budget: number }>(sql`
    select count(*) filter (where status = 'open')::int as open,
           count(*) filter (where status = 'acknowledged')::int as acknowledged,
           count(*) filter (where level = 'on_track')::int as on_track,
           count(*) filter (where level = 'warning')::int as warning,
           count(*) filter (where level = 'critical')::int as critical,
           count(*) filter (where level = 'over_budget')::int as over_budget
      from public.alerts where org_id = ${orgId} and status <> 'resolved'`);
  return {
    open: row.open,
    acknowledged: row.acknowledged,
    byLevel: { on_track: row.on_track, warning: row.warning, critical: row.critical, over_budget: row.over_budget },
  };
}
