import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import type { OrgContext } from "@/server/orgs/resolve-org";
import { canOpen } from "./can-open";
import { loadDashboards } from "./load-dashboards";
import { metabaseConfigured } from "./metabase-configured";

/** Who may open a dashboard, and whether the caller may: for the page and the settings screen. */
export async function dashboardAccess(tx: Tx, org: OrgContext, id: string) {
  const dashboard = (await loadDashboards(tx, org.id)).find((d) => d.id === id);
  if (!dashboard || (dashboard.kind === "metabase" && !metabaseConfigured())) throw notFound("Dashboard");
  const views = await tx.one<{ n: number }>(sql`select count(*)::int as n from public.dashboard_views where dashboard_id = ${id}::uuid and org_id = ${org.id}`);
  return {
    dashboardId: dashboard.id,
    enabled: dashboard.enabled,
    allowedRoles: dashboard.allowedRoles,
    role: org.role,
    canOpen: canOpen(dashboard, org.role, org.permissions),
    viewsVisibleToYou: views.n,
  };
}
