import { createHash } from "node:crypto";

/** The SHA-256 (hex) the database stores and looks an invitation up by. */
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
