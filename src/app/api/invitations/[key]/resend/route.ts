import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { resendInvitation } from "@/server/invitations/resend-invitation";
import { sendInvitationEmail } from "@/server/invitations/send-invitation-email";
import { sentInvitationView } from "@/server/invitations/sent-invitation-view";
import { invitationIdParams } from "@/lib/admin-schemas";

/** A new link (the old one stops working), a new expiry, and the email again. `key` is the invitation's id. */
export const POST = route({ auth: "user", permission: "members.manage", params: invitationIdParams }, async ({ db, org, params, claims, meta }) => {
  const invitation = await db((tx) => resendInvitation(tx, org.id, params.key));
  const email = await sendInvitationEmail(invitation, { orgId: org.id, orgName: org.name, inviter: claims.email }, meta);
  return sentInvitationView(invitation, email);
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
