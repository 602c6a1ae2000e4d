import { sql, type Tx } from "@/server/db";
import { forbidden, notFound } from "@/server/http/app-error";
import type { OrgContext } from "@/server/orgs/resolve-org";
import { canOpen } from "./can-open";
import { DASHBOARD_COLUMNS } from "./dashboard-columns";
import type { Dashboard } from "./dashboard-types";
import { metabaseConfigured } from "./metabase-configured";

/**
 * One dashboard of the caller's organization. Another organization's id, an unknown id, or a
 * Metabase dashboard while Metabase is not configured: NOT_FOUND. Known but not for this role: FORBIDDEN.
 */
export async function getDashboardFor(tx: Tx, org: OrgContext, id: string): Promise<Dashboard> {
  const dashboard = await tx.maybeOne<Dashboard>(sql`
    select ${DASHBOARD_COLUMNS} from public.dashboards d where d.id = ${id}::uuid and d.org_id = ${org.id}`);
  if (!dashboard || (dashboard.kind === "metabase" && !metabaseConfigured())) throw notFound("Dashboard");
  if (!canOpen(dashboard, org.role, org.permissions)) throw forbidden("Your role may not open this dashboard");
  return dashboard;
}
