import { getAuthProvider } from "@/server/auth/get-auth-provider";
import { route } from "@/server/http/route";
import { acceptInvitation } from "@/server/invitations/accept-invitation";
import { acceptInvitationSchema, invitationKeyParams } from "@/lib/admin-schemas";

/**
 * Public: a signed-in invitee accepts as themselves (the email must match); a signed-out one sends
 * `{name, password}`, gets an account and is signed in. `key` is the token from the link.
 */
export const POST = route({ auth: "public", params: invitationKeyParams, body: acceptInvitationSchema }, async ({ req, params, body, cookies, meta }) => {
  const bearer = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
  const claims = await (await getAuthProvider()).getClaims(cookies, bearer);
  const accepted = await acceptInvitation({ token: params.key, ...body }, { claims, cookies }, meta);
  return { organization: { slug: accepted.org.slug, name: accepted.org.name }, role: accepted.role };
});
