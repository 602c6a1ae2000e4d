import { asService, sql } from "@/server/db";

/**
 * Wrong two-factor codes, per user: 5 failures since the last success lock the second step for
 * 15 minutes (TOTP has a million codes; five guesses a quarter-hour make guessing hopeless).
 * Recovery codes share the counter. Kept in app_private.login_attempts as `mfa:<user id>`.
 */
export const MFA_MAX_FAILURES = 5;
export const MFA_LOCKOUT_SECONDS = 15 * 60;

const subject = (userId: string) => `mfa:${userId}`;

/** Seconds until the user may try again, or 0. */
export async function mfaLockedForSeconds(userId: string): Promise<number> {
  const row = await asService((tx) =>
    tx.one<{ failures: number; last_failure: Date | null }>(sql`
      select count(*)::int as failures, max(a.attempted_at) as last_failure
      from app_private.login_attempts a
      where a.subject = ${subject(userId)} and not a.succeeded
        and a.attempted_at > now() - make_interval(secs => ${MFA_LOCKOUT_SECONDS})
        and a.attempted_at > coalesce((select max(b.attempted_at) from app_private.login_attempts b
                                       where b.subject = a.subject and b.succeeded), '-infinity')`),
  );
  if (row.failures < MFA_MAX_FAILURES || !row.last_failure) return 0;
  const until = row.last_failure.getTime() + MFA_LOCKOUT_SECONDS * 1000;
  return until > Date.now() ? Math.ceil((until - Date.now()) / 1000) : 0;
}

/** Records an attempt; returns true when this failure is the one that locks the user. */
export async function recordMfaAttempt(userId: string, succeeded: boolean): Promise<boolean> {
  await asService((tx) => tx.query(sql`insert into app_private.login_attempts (subject, succeeded) values (${subject(userId)}, ${succeeded})`));
  if (succeeded) return false;
  return (await mfaLockedForSeconds(userId)) > 0;
}
