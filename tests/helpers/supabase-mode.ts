import type { Engine } from "@/server/db";
import { sql } from "@/server/db/sql";
import { reloadConfig } from "@/server/config";
import { startGoTrueFake, type GoTrueFake } from "../fakes/gotrue-fake";

const ENV_KEYS = ["AUTH_PROVIDER", "NEXT_PUBLIC_SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "SUPABASE_SECRET_KEY", "DATABASE_URL", "SIGNUP_MODE"] as const;

/**
 * Supabase mode against the GoTrue fake, over the test database: users the admin API creates or
 * deletes are mirrored into auth.users (as GoTrue writes the project's own Postgres), so memberships
 * and profiles work as in production, and bcrypt password hashes are checked with pgcrypto.
 * `stop()` puts the environment back.
 */
export async function enterSupabaseMode(engine: () => Engine, extraEnv: Record<string, string> = {}): Promise<{ fake: GoTrueFake; stop: () => Promise<void> }> {
  const fake = await startGoTrueFake({
    onUserCreated: async (user) => {
      await engine().transaction((tx) =>
        tx.query(sql`
          insert into auth.users (id, email, encrypted_password, email_confirmed_at, raw_user_meta_data,
                                  confirmation_token, recovery_token, email_change_token_new, email_change)
          values (${user.id}, ${user.email}, ${user.passwordHash ?? null}, ${user.email_confirmed_at},
                  ${JSON.stringify(user.user_metadata)}::jsonb, '', '', '', '')`),
      );
    },
    onUserDeleted: async (id) => {
      await engine().transaction((tx) => tx.query(sql`delete from auth.users where id = ${id}`));
    },
    onFactorsChanged: async (userId, factors) => {
      await engine().transaction(async (tx) => {
        if (!(await tx.maybeOne(sql`select 1 from auth.users where id = ${userId}`))) return;
        await tx.query(sql`delete from auth.mfa_factors where user_id = ${userId}`);
        for (const f of factors) {
          await tx.query(sql`
            insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at)
            values (${f.id}, ${userId}, ${f.friendly_name}, 'totp', ${f.status}::auth.factor_status, ${f.created_at}, ${f.updated_at})`);
        }
      });
    },
    verifyPasswordHash: async (hash, password) => {
      const row = await engine().transaction((tx) => tx.one<{ ok: boolean }>(sql`select ${hash} = extensions.crypt(${password}, ${hash}) as ok`));
      return row.ok;
    },
  });
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  Object.assign(process.env, {
    AUTH_PROVIDER: "supabase",
    NEXT_PUBLIC_SUPABASE_URL: fake.url,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: fake.publishableKey,
    SUPABASE_SECRET_KEY: fake.secretKey,
    // Required by the config in Supabase mode; the test database is installed with setEngine.
    DATABASE_URL: "postgres://unused:unused@127.0.0.1:1/unused",
    ...extraEnv,
  });
  reloadConfig();
  return {
    fake,
    stop: async () => {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      reloadConfig();
      await fake.close();
    },
  };
}
