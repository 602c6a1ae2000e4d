import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import { ROLES, type Role } from "@/lib/permissions";
import type { MfaPolicyView } from "@/lib/mfa-views";
import { getMfaPolicy } from "./get-mfa-policy";

/**
 * Sets the roles that must sign in with two factors (`org.manage`; RLS and the column grant allow
 * it, and the restrictive policy wants an aal2 session where the current policy covers the caller).
 */
export async function updateMfaPolicy(tx: Tx, orgId: string, requiredRoles: Role[]): Promise<MfaPolicyView> {
  // The restrictive policy would only hide the row; this says why.
  await tx.query(sql`select app_private.assert_mfa_satisfied(${orgId}::uuid)`);
  const before = await getMfaPolicy(tx, orgId);
  const roles = ROLES.filter((role) => requiredRoles.includes(role));
  const row = await tx.maybeOne<{ roles: string[] }>(sql`
    update public.organizations set mfa_required_roles = ${roles}::text[] where id = ${orgId} returning mfa_required_roles as roles`);
  if (!row) throw notFound("Organization");
  if (before.requiredRoles.join() !== row.roles.join()) {
    await recordAuditEvent(tx, {
      action: "mfa.policy_updated",
      orgId,
      targetType: "organization",
      targetId: orgId,
      metadata: { from: before.requiredRoles, to: row.roles },
    });
  }
  return { requiredRoles: row.roles };
}
