import { sql, type Tx } from "@/server/db";
import { config } from "@/server/config";
import { rateLimited } from "@/server/http/app-error";

/**
 * An organization sends at most INVITE_MAX_PER_HOUR invitation emails (new or resent) in any hour.
 * Counted from the invitations themselves; Retry-After says when the oldest send leaves the window.
 */
export async function assertInvitationQuota(tx: Tx, orgId: string): Promise<void> {
  const row = await tx.one<{ sent: number; oldest: Date | null }>(sql`
    select count(*) as sent, min(last_sent_at) as oldest from public.org_invitations
    where org_id = ${orgId} and last_sent_at > now() - interval '1 hour'`);
  if (row.sent >= config().INVITE_MAX_PER_HOUR && row.oldest) {
    const retryAfter = (new Date(row.oldest).getTime() + 3_600_000 - Date.now()) / 1000;
    throw rateLimited(retryAfter, "Too many invitations sent in the last hour; try again later");
  }
}
