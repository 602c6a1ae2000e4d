import { randomBytes } from "node:crypto";
import { config } from "@/server/config";
import { asAuthAdmin } from "@/server/db";
import { instanceSecret } from "@/server/db/instance-secret";

let secret: Promise<string> | undefined;

/**
 * The HS256 secret for access tokens: AUTH_JWT_SECRET when set, otherwise one generated on first
 * start and kept in the database, so the embedded default needs no configuration.
 */
export function jwtSecret(): Promise<string> {
  const configured = config().AUTH_JWT_SECRET;
  if (configured) return Promise.resolve(configured);
  secret ??= asAuthAdmin((tx) => instanceSecret(tx, "auth_jwt_secret", () => randomBytes(48).toString("base64url"))).catch((error) => {
    secret = undefined;
    throw error;
  });
  return secret;
}

export function resetJwtSecretForTests(): void {
  secret = undefined;
}
