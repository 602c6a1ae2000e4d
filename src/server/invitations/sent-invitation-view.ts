import type { SentEmail } from "@/server/email/send-email";
import type { SentInvitationView } from "@/lib/invitation-views";
import type { IssuedInvitation } from "./issue-invitation";

/** What the admin gets back after an invitation is sent: never its token. */
export function sentInvitationView(invitation: IssuedInvitation, email: SentEmail): SentInvitationView {
  const { token: _token, ...view } = invitation;
  return { invitation: { ...view, state: "pending" }, email: { status: email.status } };
}
