import type { CallerDb, RequestMeta } from "@/server/db";
import type { OrgContext } from "@/server/orgs/resolve-org";
import type { MemberChange, MemberView } from "@/lib/member-views";
import { applyMemberChange } from "./apply-member-change";
import { sendRoleChangedEmail } from "./send-role-changed-email";

/**
 * PATCH /api/users/{userId}: the change in the caller's transaction (`db`, the route wrapper's),
 * then, once it committed, the "role changed" email to the member when their role moved.
 */
export async function updateMember(db: CallerDb, org: OrgContext, userId: string, change: MemberChange, meta: RequestMeta): Promise<MemberView> {
  const { member, previousRole } = await db((tx) => applyMemberChange(tx, org.id, userId, change));
  if ("role" in change && previousRole !== member.role && member.email) await sendRoleChangedEmail(org, member, previousRole, meta);
  return member;
}
