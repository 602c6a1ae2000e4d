import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { revokeInvitation } from "@/server/invitations/revoke-invitation";
import { lookupInvitation } from "@/server/invitations/lookup-invitation";
import { invitationIdParams, invitationTokenParams } from "@/lib/admin-schemas";

/** Public: what the invitation link is for (organization name, email, role, state). `key` is the token. */
export const GET = route({ auth: "public", params: invitationTokenParams }, ({ params, meta }) => lookupInvitation(params.key, meta));

/** Revokes a pending invitation. `key` is the invitation's id. */
export const DELETE = route({ auth: "user", permission: "members.manage", params: invitationIdParams }, async ({ db, org, params }) => {
  await db((tx) => revokeInvitation(tx, org.id, params.key));
  return null;
});

export const { POST, PUT, PATCH, OPTIONS } = otherMethods({ GET, DELETE });
