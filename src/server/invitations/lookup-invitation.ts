import { asService, sql, type RequestMeta } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import { invitationTokenSchema } from "@/lib/admin-schemas";
import type { Role } from "@/lib/permissions";
import type { InvitationState } from "./invitation-view";
import { hashInvitationToken } from "./invitation-token";

/** What the holder of an invitation link may learn: the organization's name, their email, the role, the state. */
export interface PublicInvitation {
  orgName: string;
  orgSlug: string;
  email: string;
  role: Role;
  state: InvitationState;
  accountExists: boolean;
}

/**
 * Looks an invitation up by the token of its link. A malformed or unknown token is INVALID_TOKEN,
 * whatever it looks like. Service role, by design: the caller is usually signed out, and the
 * database function takes only the token's hash.
 */
export async function lookupInvitation(token: string, meta?: RequestMeta): Promise<PublicInvitation> {
  if (!invitationTokenSchema.safeParse(token).success) throw invalidInvitation();
  const row = await asService(
    (tx) =>
      tx.maybeOne<PublicInvitation>(sql`
        select org_name as "orgName", org_slug as "orgSlug", email, role, state, account_exists as "accountExists"
        from app_private.invitation_by_token(${hashInvitationToken(token)})`),
    meta,
  );
  if (!row) throw invalidInvitation();
  return row;
}

export const invalidInvitation = () => new AppError("INVALID_TOKEN", "This invitation link is not valid");

/** The distinct error of each closed state (the same codes the database function raises). */
export function assertPending(invitation: PublicInvitation): void {
  switch (invitation.state) {
    case "expired":
      throw new AppError("INVITE_EXPIRED", "This invitation has expired; ask for a new one");
    case "revoked":
      throw new AppError("INVITE_REVOKED", "This invitation was revoked");
    case "accepted":
      throw new AppError("INVITE_ACCEPTED", "This invitation was already accepted");
  }
}
