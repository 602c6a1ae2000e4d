import { sql, type Tx } from "@/server/db";
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
