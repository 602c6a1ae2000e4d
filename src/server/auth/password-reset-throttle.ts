import { config } from "@/server/config";
import { asService, sql } from "@/server/db";

/**
 * At most AUTH_PASSWORD_RESET_MAX_PER_EMAIL reset emails for one address, and
 * AUTH_PASSWORD_RESET_MAX_PER_IP requests from one IP, in any AUTH_PASSWORD_RESET_WINDOW_SECONDS.
 * Counted whether or not the address has an account, so the limit reveals nothing; a refused
 * request is not counted, so the window empties on its own. Returns whether this request may send.
 */
export async function admitPasswordReset(email: string, ip: string | null | undefined): Promise<boolean> {
  const env = config();
  const subjects = { email: `email:${email.trim().toLowerCase()}`, ip: `ip:${ip ?? "unknown"}` };
  return asService(async (tx) => {
    // Two simultaneous requests for one subject must not both see room for one more.
    await tx.query(sql`select pg_advisory_xact_lock(hashtext(s)) from unnest(${[subjects.email, subjects.ip].sort()}::text[]) as s`);
    const counts = await tx.query<{ subject: string; n: number }>(sql`
      select subject, count(*)::int as n from app_private.password_reset_requests
      where subject in (${subjects.email}, ${subjects.ip})
        and requested_at > now() - make_interval(secs => ${env.AUTH_PASSWORD_RESET_WINDOW_SECONDS})
      group by subject`);
    const count = (subject: string) => counts.find((c) => c.subject === subject)?.n ?? 0;
    if (count(subjects.email) >= env.AUTH_PASSWORD_RESET_MAX_PER_EMAIL || count(subjects.ip) >= env.AUTH_PASSWORD_RESET_MAX_PER_IP) return false;
    await tx.query(sql`
      insert into app_private.password_reset_requests (subject)
      select unnest(${[subjects.email, subjects.ip]}::text[])`);
    await tx.query(sql`
      delete from app_private.password_reset_requests
      where requested_at < now() - make_interval(secs => ${Math.max(env.AUTH_PASSWORD_RESET_WINDOW_SECONDS, 86_400)})`);
    return true;
  });
}
