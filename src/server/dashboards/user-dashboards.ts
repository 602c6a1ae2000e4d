import { sql, type Tx } from "@/server/db";
import { forbidden, notFound } from "@/server/http/app-error";
import type { OrgContext } from "@/server/orgs/resolve-org";
import { ROLE_PERMISSIONS, type Role } from "@/lib/permissions";
import { canOpen } from "./can-open";
import { loadDashboards } from "./load-dashboards";

/**
 * The dashboards a member of the organization may open: their own list for anybody, anyone's for
 * those who may read the member list. A user who is not an active member here is NOT_FOUND.
 */
export async function dashboardsOfUser(tx: Tx, org: OrgContext, userId: string, callerId: string) {
  if (userId !== callerId && !org.permissions.includes("members.read")) throw forbidden();
  const member = await tx.maybeOne<{ role: Role }>(sql`
    select m.role from public.org_members m where m.org_id = ${org.id} and m.user_id = ${userId}::uuid and m.status = 'active'`);
  if (!member) throw notFound("User");
  const dashboards = (await loadDashboards(tx, org.id)).filter((d) => canOpen(d, member.role, ROLE_PERMISSIONS[member.role]));
  return { userId, role: member.role, dashboards };
}
