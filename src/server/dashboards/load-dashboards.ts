import { sql, type Tx } from "@/server/db";
import { config } from "@/server/config";
import { forbidden, notFound } from "@/server/http/app-error";
import type { OrgContext } from "@/server/orgs/resolve-org";
import type { Permission, Role } from "@/lib/permissions";
import { VIEW_PERMISSION, type Dashboard } from "./dashboard-types";

export function metabaseConfigured(): boolean {
  const env = config();
  return Boolean(env.METABASE_SITE_URL && env.METABASE_SECRET_KEY);
}

const columns = sql`
  d.id, d.org_id as "orgId", d.key, d.title, d.description, d.kind, d.native_view as "nativeView",
  d.metabase_dashboard_id as "metabaseDashboardId", d.enabled, d.position, d.allowed_roles as "allowedRoles",
  d.updated_at as "updatedAt"`;

/** Every dashboard of the organization, in order (the configuration view). */
export async function loadDashboards(tx: Tx, orgId: string): Promise<Dashboard[]> {
  return tx.query<Dashboard>(sql`
    select ${columns} from public.dashboards d where d.org_id = ${orgId} order by d.position, d.title`);
}

/**
 * Whether a role may open a dashboard: it is enabled, lists the role, is available here (Metabase
 * only when configured) and the role holds the permission its data needs.
 */
export function canOpen(dashboard: Dashboard, role: Role, permissions: readonly Permission[]): boolean {
  if (!dashboard.enabled || !dashboard.allowedRoles.includes(role)) return false;
  if (dashboard.kind === "metabase") return metabaseConfigured();
  return dashboard.nativeView !== null && permissions.includes(VIEW_PERMISSION[dashboard.nativeView]);
}

/** The dashboards the caller may open, in order. */
export async function listVisibleDashboards(tx: Tx, org: OrgContext): Promise<Dashboard[]> {
  return (await loadDashboards(tx, org.id)).filter((d) => canOpen(d, org.role, org.permissions));
}

/**
 * One dashboard of the caller's organization. Another organization's id, an unknown id, or a
 * Metabase dashboard while Metabase is not configured: NOT_FOUND. Known but not for this role: FORBIDDEN.
 */
export async function getDashboardFor(tx: Tx, org: OrgContext, id: string): Promise<Dashboard> {
  const dashboard = await tx.maybeOne<Dashboard>(sql`
    select ${columns} from public.dashboards d where d.id = ${id}::uuid and d.org_id = ${org.id}`);
  if (!dashboard || (dashboard.kind === "metabase" && !metabaseConfigured())) throw notFound("Dashboard");
  if (!canOpen(dashboard, org.role, org.permissions)) throw forbidden("Your role may not open this dashboard");
  return dashboard;
}
