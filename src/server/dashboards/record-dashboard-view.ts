import { sql, type Tx } from "@/server/db";

/** Records that the caller opened a dashboard (who, which, when), under RLS as the caller. */
export async function recordDashboardView(tx: Tx, orgId: string, dashboardId: string): Promise<void> {
  await tx.query(sql`insert into public.dashboard_views (org_id, dashboard_id) values (${orgId}, ${dashboardId})`);
}
