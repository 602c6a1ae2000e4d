import type { Role } from "./permissions";

/** What the /api/invitations and /api/users/invite routes answer (timestamps as ISO strings). */
export type InvitationState = "pending" | "expired" | "revoked" | "accepted";

/** An invitation as admins see it (never the token or its hash). */
export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  state: InvitationState;
  invitedBy: string | null;
  invitedByEmail: string | null;
  expiresAt: string;
  sentCount: number;
  lastSentAt: string;
  createdAt: string;
}

/** GET /api/invitations. */
export interface InvitationListView {
  items: InvitationView[];
}

/** POST /api/users/invite and POST /api/invitations/{id}/resend: the invitation sent, and how its email left. */
export interface SentInvitationView {
  invitation: Pick<InvitationView, "id" | "email" | "role" | "expiresAt" | "sentCount"> & { state: "pending" };
  email: { status: "queued" | "sent" | "failed" };
}

/** GET /api/invitations/{token}: what the holder of an invitation link may learn. */
export interface PublicInvitationView {
  orgName: string;
  orgSlug: string;
  email: string;
  role: Role;
  state: InvitationState;
  accountExists: boolean;
}

/** POST /api/invitations/{token}/accept. */
export interface AcceptedInvitationView {
  organization: { slug: string; name: string };
  role: Role;
}
