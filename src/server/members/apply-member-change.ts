import { sql, type Tx } from "@/server/db";
import type { Role } from "@/lib/permissions";
import type { MemberChange, MemberView } from "@/lib/member-views";
import { getMember } from "./get-member";

/**
 * One change to a membership inside the caller's transaction, through the guarded database
 * functions (permission, rank rules, no self-escalation, last-admin guard, audit event). Returns the
 * member after the change and the role before it (for the "role changed" email).
 */
export async function applyMemberChange(tx: Tx, orgId: string, userId: string, change: MemberChange): Promise<{ member: MemberView; previousRole: Role }> {
  const before = await getMember(tx, orgId, userId);
  if ("role" in change) {
    await tx.query(sql`select 1 from app_private.change_member_role(${orgId}::uuid, ${userId}::uuid, ${change.role})`);
  } else {
    await tx.query(sql`select 1 from app_private.set_member_status(${orgId}::uuid, ${userId}::uuid, ${change.status})`);
  }
  return { member: await getMember(tx, orgId, userId), previousRole: before.role };
}
