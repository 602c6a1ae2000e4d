import { randomBytes } from "node:crypto";
import { config } from "@/server/config";
import { asAuthAdmin, sql } from "@/server/db";

let secret: Promise<string> | undefined;

/**
 * The HS256 secret for access tokens: AUTH_JWT_SECRET when set, otherwise one generated on first
 * start and kept in the database, so the embedded default needs no configuration.
 */
export function jwtSecret(): Promise<string> {
  const configured = config().AUTH_JWT_SECRET;
  if (configured) return Promise.resolve(configured);
  secret ??= asAuthAdmin(async (tx) => {
    await tx.query(sql`
      insert into app_private.instance_secrets (name, value)
      values ('auth_jwt_secret', ${randomBytes(48).toString("base64url")})
      on conflict (name) do nothing`);
    const row = await tx.one<{ value: string }>(sql`select value from app_private.instance_secrets where name = 'auth_jwt_secret'`);
    return row.value;
  }).catch((error) => {
    secret = undefined;
    throw error;
  });
  return secret;
}

export function resetJwtSecretForTests(): void {
  secret = undefined;
}
