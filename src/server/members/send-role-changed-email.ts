import type { RequestMeta } from "@/server/db";
import { sendEmail } from "@/server/email/send-email";
import { roleChangedEmail } from "@/server/email/templates/role-changed-email";
import type { OrgContext } from "@/server/orgs/resolve-org";
import type { MemberView } from "@/lib/member-views";
import type { Role } from "@/lib/permissions";
import { ROLE_LABELS } from "@/lib/role-labels";

/** Tells a member their role changed; sent only after the change committed. */
export async function sendRoleChangedEmail(org: OrgContext, member: MemberView, previousRole: Role, meta: RequestMeta): Promise<void> {
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
