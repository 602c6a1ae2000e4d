import { sql, type CallerDb, type RequestMeta, type Tx } from "@/server/db";
import { sendEmail } from "@/server/email/send-email";
import { roleChangedEmail } from "@/server/email/templates/role-changed-email";
import type { OrgContext } from "@/server/orgs/resolve-org";
import { ROLE_LABELS } from "@/lib/role-labels";
import type { MemberStatus } from "./member-view";
import type { Role } from "@/lib/permissions";
import { getMember } from "./get-member";
import type { MemberView } from "./member-view";

export type MemberChange = { role: Role } | { status: MemberStatus };

/**
 * One change to a membership, through the guarded database functions (permission, rank rules, no
 * self-escalation, last-admin guard, audit event — all in this transaction). Returns the member
 * after the change and the role before it (for the "role changed" email).
 */
export async function updateMember(tx: Tx, orgId: string, userId: string, change: MemberChange): Promise<{ member: MemberView; previousRole: Role }> {
  const before = await getMember(tx, orgId, userId);
  if ("role" in change) {
    await tx.query(sql`select 1 from app_private.change_member_role(${orgId}::uuid, ${userId}::uuid, ${change.role})`);
  } else {
    await tx.query(sql`select 1 from app_private.set_member_status(${orgId}::uuid, ${userId}::uuid, ${change.status})`);
  }
  return { member: await getMember(tx, orgId, userId), previousRole: before.role };
}

/**
 * The change, then — after its transaction committed — the "role changed" email to the member.
 * `db` runs a transaction as the caller (the route wrapper's `db`).
 */
export async function changeMembership(
  db: CallerDb,
  org: OrgContext,
  userId: string,
  change: MemberChange,
  meta: RequestMeta,
): Promise<MemberView> {
  const { member, previousRole } = await db((tx) => updateMember(tx, org.id, userId, change));
  if ("role" in change && previousRole !== member.role && member.email) {
    const message = await roleChangedEmail({
      to: member.email,
      userId: member.userId,
      orgName: org.name,
      orgSlug: org.slug,
      fromLabel: ROLE_LABELS[previousRole],
      toLabel: ROLE_LABELS[member.role],
      auditEventId: meta.requestId ?? crypto.randomUUID(),
    });
    await sendEmail({ ...message, orgId: org.id }, meta);
  }
  return member;
}
