import type { Tx } from "@/server/db";
import { sql } from "@/server/db";
import type { NewPassword } from "@/server/auth/auth-provider";

/**
 * A user created outside a sign-up (the demo seed, the db:seed script, test fixtures), as the
 * connection role doing GoTrue's part in auth.users. Idempotent: an existing email is reused.
 */
export async function provisionUser(
  tx: Tx,
  user: { email: string; password: NewPassword; fullName?: string },
): Promise<string> {
  const email = user.email.trim().toLowerCase();
  const existing = await tx.maybeOne<{ id: string }>(sql`select id from auth.users where email = ${email}`);
  if (existing) return existing.id;
  // bcrypt cost 10, the `$2a$10$` format GoTrue writes and reads (or a hash made that way earlier).
  const encrypted =
    typeof user.password === "string" ? sql`extensions.crypt(${user.password}, extensions.gen_salt('bf', 10))` : sql`${user.password.bcryptHash}`;
  const created = await tx.one<{ id: string }>(sql`
    insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data,
                            confirmation_token, recovery_token, email_change_token_new, email_change)
    values (${email}, ${encrypted}, now(),
            ${JSON.stringify({ full_name: user.fullName ?? "" })}::jsonb, '', '', '', '')
    returning id`);
  await tx.query(sql`
    insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
    values (${created.id}, ${created.id},
            ${JSON.stringify({ sub: created.id, email, email_verified: true })}::jsonb, 'email', now(), now())`);
  return created.id;
}
