import { config } from "@/server/config";
import { sql, type Tx } from "@/server/db";
import { rateLimited } from "@/server/http/app-error";

/**
 * At most SIGNUP_MAX_PER_IP_PER_HOUR sign-ups from one IP in any hour, counted from the requests
 * themselves (whatever their outcome). Retry-After says when the oldest one leaves the window.
 */
export async function assertSignupQuota(tx: Tx, ip: string | null | undefined): Promise<void> {
  const row = await tx.one<{ count: number; oldest: Date | null }>(sql`
    select count(*) as count, min(created_at) as oldest from app_private.signup_requests
    where ip is not distinct from ${ip ?? null}::inet and created_at > now() - interval '1 hour'`);
  if (row.count >= config().SIGNUP_MAX_PER_IP_PER_HOUR && row.oldest) {
    throw rateLimited((new Date(row.oldest).getTime() + 3_600_000 - Date.now()) / 1000, "Too many sign-ups from your network; try again later");
  }
}
