import { randomBytes } from "node:crypto";
import { hashInvitationToken } from "./hash-invitation-token";

/** 32 random bytes for the link (base64url, 43 characters); only the SHA-256 is stored. */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashInvitationToken(token) };
}
