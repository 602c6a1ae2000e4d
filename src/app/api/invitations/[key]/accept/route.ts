import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { acceptInvitation } from "@/server/invitations/accept-invitation";
import { acceptInvitationBody, invitationTokenParams } from "@/lib/admin-schemas";
import type { AcceptedInvitationView } from "@/lib/invitation-views";

/**
 * A signed-in invitee accepts as themselves (the email must match); a signed-out one sends
 * `{name, password}`, gets an account and is signed in. `key` is the token from the link.
 */
export const POST = route(
  { auth: "optional", params: invitationTokenParams, body: acceptInvitationBody },
  async ({ params, body, claims, cookies, meta }): Promise<AcceptedInvitationView> => {
    const accepted = await acceptInvitation({ token: params.key, ...body }, { claims, cookies }, meta);
    return { organization: { slug: accepted.org.slug, name: accepted.org.name }, role: accepted.role };
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
