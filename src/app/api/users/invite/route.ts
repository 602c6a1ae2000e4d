import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { createInvitation } from "@/server/invitations/create-invitation";
import { sendInvitationEmail } from "@/server/invitations/send-invitation-email";
import { sentInvitationView } from "@/server/invitations/sent-invitation-view";
import { inviteBody } from "@/lib/admin-schemas";

/** Invites an email with a role; the email leaves only after the invitation is committed. */
export const POST = route({ auth: "user", permission: "members.manage", body: inviteBody }, async ({ db, org, body, claims, meta }) => {
  const invitation = await db((tx) => createInvitation(tx, org.id, body));
  const email = await sendInvitationEmail(invitation, { orgId: org.id, orgName: org.name, inviter: claims.email }, meta);
  return Response.json(sentInvitationView(invitation, email), { status: 201 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
