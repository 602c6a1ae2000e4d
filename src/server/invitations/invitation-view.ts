import { sql } from "@/server/db";
import type { Role } from "@/lib/permissions";

export type InvitationState = "pending" | "expired" | "revoked" | "accepted";

/** An invitation as admins see it (never the token or its hash). */
export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  state: InvitationState;
  invitedBy: string | null;
  invitedByEmail: string | null;
  expiresAt: Date;
  sentCount: number;
  lastSentAt: Date;
  createdAt: Date;
}

export const invitationColumns = sql`
  i.id, i.email, i.role,
  case when i.revoked_at is not null then 'revoked' when i.accepted_at is not null then 'accepted'
       when i.expires_at <= now() then 'expired' else 'pending' end as state,
  i.invited_by as "invitedBy", p.email as "invitedByEmail", i.expires_at as "expiresAt",
  i.sent_count as "sentCount", i.last_sent_at as "lastSentAt", i.created_at as "createdAt"`;
