import { asService, sql } from "@/server/db";

/**
 * Whether a failed sign-in was somebody who signed up and has not opened the confirmation link yet:
 * a live request for the address whose password matches. Only the holder of that password learns
 * it, so the login form can say "confirm your email first" instead of "wrong password".
 */
export async function pendingSignupMatches(email: string, password: string): Promise<boolean> {
  const row = await asService((tx) =>
    tx.one<{ matches: boolean }>(sql`
      select exists (
        select 1 from (
          select password_hash from app_private.signup_requests
          where email = ${email.trim().toLowerCase()} and used_at is null and expires_at > now() and password_hash is not null
          order by created_at desc limit 3
        ) r where r.password_hash = extensions.crypt(${password}, r.password_hash)
      ) as matches`),
  );
  return row.matches;
}
