import { AppError } from "@/server/http/app-error";
import type { PublicInvitationView } from "@/lib/invitation-views";

/** The distinct error of each closed state (the same codes the database function raises). */
export function assertInvitationPending(invitation: PublicInvitationView): void {
  switch (invitation.state) {
    case "expired":
      throw new AppError("INVITE_EXPIRED", "This invitation has expired; ask for a new one");
    case "revoked":
      throw new AppError("INVITE_REVOKED", "This invitation was revoked");
    case "accepted":
      throw new AppError("INVITE_ACCEPTED", "This invitation was already accepted");
  }
}
