import { sql, type Tx } from "@/server/db";
import { config } from "@/server/config";
import { rateLimited } from "@/server/http/app-error";

/**
 * Each question spends one of the user's ASSISTANT_MAX_PER_HOUR (across their organizations), counted
 * from the usage record, which deleting a conversation does not touch. Over the limit: 429 with
 * Retry-After (when the oldest question of the hour leaves the window) and nothing is stored.
 */
export async function spendQuestion(tx: Tx, orgId: string): Promise<void> {
  // One question at a time per user, so two at once cannot both take the last slot.
  await tx.query(sql`select pg_advisory_xact_lock(hashtext('assistant:' || (select auth.uid())::text))`);
  const row = await tx.one<{ asked: number; oldest: Date | null }>(sql`
    select count(*)::int as asked, min(u.asked_at) as oldest from public.assistant_usage u
    where u.user_id = (select auth.uid()) and u.asked_at > now() - interval '1 hour'`);
  const limit = config().ASSISTANT_MAX_PER_HOUR;
  if (row.asked >= limit && row.oldest) {
    const retryAfter = (new Date(row.oldest).getTime() + 3_600_000 - Date.now()) / 1000;
    throw rateLimited(retryAfter, `You have asked ${limit} questions in the last hour, the most allowed; try again in ${Math.max(1, Math.ceil(retryAfter / 60))} min.`);
  }
  await tx.query(sql`insert into public.assistant_usage (org_id) values (${orgId})`);
  await tx.query(sql`delete from public.assistant_usage where user_id = (select auth.uid()) and asked_at < now() - interval '1 day'`);
}
