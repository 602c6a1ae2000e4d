import { sql } from "@/server/db";
import { toIso } from "@/server/db/to-iso";
import type { InvitationView } from "@/lib/invitation-views";

/** A row selected with `invitationColumns` (from `org_invitations i left join user_profiles p`). */
export interface InvitationRow extends Omit<InvitationView, "expiresAt" | "lastSentAt" | "createdAt"> {
  expiresAt: Date | string;
  lastSentAt: Date | string;
  createdAt: Date | string;
}

export const invitationColumns = sql`
  i.id, i.email, i.role,
  case when i.revoked_at is not null then 'revoked' when i.accepted_at is not null then 'accepted'
       when i.expires_at <= now() then 'expired' else 'pending' end as state,
  i.invited_by as "invitedBy", p.email as "invitedByEmail", i.expires_at as "expiresAt",
  i.sent_count as "sentCount", i.last_sent_at as "lastSentAt", i.created_at as "createdAt"`;

export function toInvitationView(row: InvitationRow): InvitationView {
  return { ...row, expiresAt: toIso(row.expiresAt), lastSentAt: toIso(row.lastSentAt), createdAt: toIso(row.createdAt) };
}
