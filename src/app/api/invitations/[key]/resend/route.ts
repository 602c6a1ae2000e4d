import { z } from "zod";
import { notFound } from "@/server/http/app-error";
import { route } from "@/server/http/route";
import { resendInvitation } from "@/server/invitations/create-invitation";
import { sendInvitationEmail } from "@/server/invitations/send-invitation-email";
import { invitationKeyParams } from "@/lib/admin-schemas";

/** A new link (the old one stops working), a new expiry, and the email again. `key` is the invitation's id. */
export const POST = route({ auth: "user", permission: "members.manage", params: invitationKeyParams }, async ({ db, org, params, claims, meta }) => {
  const id = z.uuid().safeParse(params.key);
  if (!id.success) throw notFound("Invitation");
  const invitation = await db((tx) => resendInvitation(tx, org.id, id.data));
  const email = await sendInvitationEmail(invitation, { orgId: org.id, orgName: org.name, inviter: claims.email }, meta);
  const { token: _token, ...view } = invitation;
  return { invitation: { ...view, state: "pending" }, email: { status: email.status } };
});
