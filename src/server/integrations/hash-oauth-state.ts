import { createHash } from "node:crypto";

/** The SHA-256 (hex) of Xero's `state`: what the database stores and the callback looks up. */
export function hashOAuthState(state: string): string {
  return createHash("sha256").update(state).digest("hex");
}
