import { z } from "zod";
import { notFound } from "@/server/http/app-error";
import { route } from "@/server/http/route";
import { revokeInvitation } from "@/server/invitations/create-invitation";
import { lookupInvitation } from "@/server/invitations/lookup-invitation";
import { invitationKeyParams } from "@/lib/admin-schemas";

/** Public: what the invitation link is for (organization name, email, role, state). `key` is the token. */
export const GET = route({ auth: "public", params: invitationKeyParams }, ({ params, meta }) => lookupInvitation(params.key, meta));

/** Revokes a pending invitation. `key` is the invitation's id. */
export const DELETE = route({ auth: "user", permission: "members.manage", params: invitationKeyParams }, async ({ db, org, params }) => {
  const id = z.uuid().safeParse(params.key);
  if (!id.success) throw notFound("Invitation");
  await db((tx) => revokeInvitation(tx, org.id, id.data));
  return null;
});
