import { randomBytes } from "node:crypto";
import { config } from "@/server/config";
import { asService, sql } from "@/server/db";

/**
 * The one-time token that guards first-run setup: SETUP_TOKEN, or one this installation generated
 * and keeps in app_private.setup_state (the first writer wins, so every instance prints the same
 * one) until the first admin exists.
 */
export async function setupToken(): Promise<{ token: string; generated: boolean }> {
  const configured = config().SETUP_TOKEN;
  if (configured) return { token: configured, generated: false };
  const row = await asService(async (tx) => {
    await tx.query(sql`
      insert into app_private.setup_state (singleton, token) values (true, ${randomBytes(32).toString("base64url")})
      on conflict (singleton) do update set token = coalesce(app_private.setup_state.token, excluded.token)`);
    return tx.one<{ token: string }>(sql`select token from app_private.setup_state`);
  });
  return { token: row.token, generated: true };
}
