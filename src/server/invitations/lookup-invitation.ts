import { asService, sql, type RequestMeta } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import { invitationTokenSchema } from "@/lib/admin-schemas";
import type { PublicInvitationView } from "@/lib/invitation-views";
import { hashInvitationToken } from "./hash-invitation-token";

const invalidInvitation = () => new AppError("INVALID_TOKEN", "This invitation link is not valid");

/**
 * Looks an invitation up by the token of its link. A malformed or unknown token is INVALID_TOKEN,
 * whatever it looks like. Service role, by design: the caller is usually signed out, and the
 * database function takes only the token's hash.
 */
export async function lookupInvitation(token: string, meta?: RequestMeta): Promise<PublicInvitationView> {
  if (!invitationTokenSchema.safeParse(token).success) throw invalidInvitation();
  const row = await asService(
    (tx) =>
      tx.maybeOne<PublicInvitationView>(sql`
        select org_name as "orgName", org_slug as "orgSlug", email, role, state, account_exists as "accountExists"
        from app_private.invitation_by_token(${hashInvitationToken(token)})`),
    meta,
  );
  if (!row) throw invalidInvitation();
  return row;
}
