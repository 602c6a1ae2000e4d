import { randomBytes } from "node:crypto";
import { hashOAuthState } from "./hash-oauth-state";

/** 32 random bytes for Xero's `state` (base64url); only the SHA-256 is stored. */
export function newOAuthState(): { state: string; hash: string } {
  const state = randomBytes(32).toString("base64url");
  return { state, hash: hashOAuthState(state) };
}
