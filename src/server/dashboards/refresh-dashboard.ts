import { asService, type CallerDb } from "@/server/db";
import { refreshFinanceRollups } from "@edge-shared/finance/refresh-finance-rollups.ts";
import type { OrgContext } from "@/server/orgs/resolve-org";
import { getDashboardFor } from "./get-dashboard-for";

/**
 * Recomputes the rollups behind a dashboard the caller may open (a repair: triggers keep them right
 * as data is written). The rollup tables have no write policy (only syncs write synced data), so
 * after the caller's own access check the refresh runs as the service role, for exactly the caller's
 * organization.
 */
export async function refreshDashboard(db: CallerDb, org: OrgContext, id: string) {
  const dashboard = await db((tx) => getDashboardFor(tx, org, id));
  const scope = dashboard.nativeView === "financial" ? "finance" : dashboard.nativeView === "practice" ? "practice" : null;
  const result = scope ? await asService((tx) => refreshFinanceRollups(tx, org.id, scope)) : { days: 0 };
  return { dashboardId: dashboard.id, refreshedAt: new Date().toISOString(), rollupDays: result.days };
}
