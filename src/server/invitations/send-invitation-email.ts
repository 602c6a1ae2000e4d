import type { RequestMeta } from "@/server/db";
import { sendEmail, type SentEmail } from "@/server/email/send-email";
import { invitationEmail } from "@/server/email/templates/invitation-email";
import { ROLE_LABELS } from "@/lib/role-labels";
import type { IssuedInvitation } from "./issue-invitation";

/** Sent after the invitation's transaction commits: a rolled-back invitation never mails a link. */
export async function sendInvitationEmail(
  invitation: IssuedInvitation,
  context: { orgId: string; orgName: string; inviter: string },
  meta: RequestMeta,
): Promise<SentEmail> {
  const message = await invitationEmail({
    to: invitation.email,
    token: invitation.token,
    invitationId: invitation.id,
    sendCount: invitation.sentCount,
    orgName: context.orgName,
    roleLabel: ROLE_LABELS[invitation.role],
    inviterName: context.inviter,
    expiresAt: new Date(invitation.expiresAt),
  });
  // The organization's admins can read it on Settings › Users when mail is kept in the outbox.
  return sendEmail({ ...message, orgId: context.orgId }, meta);
}
