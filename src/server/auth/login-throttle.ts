import { config } from "@/server/config";
import { asService, sql } from "@/server/db";

/**
 * Brute-force protection for password sign-in, per email and per IP: failures since the last
 * success, within a sliding window. Reaching the email limit locks that email for a while, whether
 * or not an account exists, so a lockout reveals nothing.
 */
export interface ThrottleVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

// A request whose address cannot be told shares one bucket with every other such request, rather
// than escaping the per-IP limit.
const subjects = (email: string, ip: string | null | undefined) => ({
  email: `email:${email.trim().toLowerCase()}`,
  ip: `ip:${ip ?? "unknown"}`,
});

export async function checkLoginThrottle(email: string, ip: string | null | undefined): Promise<ThrottleVerdict> {
  const env = config();
  const s = subjects(email, ip);
  const rows = await asService((tx) =>
    tx.query<{ subject: string; failures: number; last_failure: Date | null }>(sql`
      select a.subject, count(*)::int as failures, max(a.attempted_at) as last_failure
      from app_private.login_attempts a
      where a.subject in (${s.email}, ${s.ip}) and not a.succeeded
        and a.attempted_at > now() - make_interval(secs => ${Math.max(env.AUTH_LOGIN_WINDOW_SECONDS, env.AUTH_LOCKOUT_SECONDS)})
        and a.attempted_at > coalesce((select max(b.attempted_at) from app_private.login_attempts b
                                       where b.subject = a.subject and b.succeeded), '-infinity')
      group by a.subject`),
  );
  const now = Date.now();
  for (const row of rows) {
    const limit = row.subject === s.email ? env.AUTH_LOGIN_MAX_FAILURES_PER_EMAIL : env.AUTH_LOGIN_MAX_FAILURES_PER_IP;
    if (row.failures >= limit && row.last_failure) {
      const until = row.last_failure.getTime() + env.AUTH_LOCKOUT_SECONDS * 1000;
      if (until > now) return { allowed: false, retryAfterSeconds: Math.ceil((until - now) / 1000) };
    }
  }
  return { allowed: true, retryAfterSeconds: 0 };
}

/** Records an attempt; returns true when this failure is the one that locks the email. */
export async function recordLoginAttempt(email: string, ip: string | null | undefined, succeeded: boolean): Promise<boolean> {
  const s = subjects(email, ip);
  await asService(async (tx) => {
    await tx.query(sql`
      insert into app_private.login_attempts (subject, succeeded)
      select subject, ${succeeded} from unnest(${[s.email, s.ip]}::text[]) as subject`);
    // Old attempts are of no further use; keep the table small.
    await tx.query(sql`delete from app_private.login_attempts where attempted_at < now() - interval '1 day'`);
  });
  if (succeeded) return false;
  return !(await checkLoginThrottle(email, ip)).allowed;
}
