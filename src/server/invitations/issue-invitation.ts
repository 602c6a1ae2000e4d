import { sql, type Tx } from "@/server/db";
import type { SqlQuery } from "@/server/db/sql";
import { toIso } from "@/server/db/to-iso";
import { config } from "@/server/config";
import type { Role } from "@/lib/permissions";
import { assertInvitationQuota } from "./invitation-rate-limit";
import { newInvitationToken } from "./new-invitation-token";

export interface IssuedInvitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  sentCount: number;
  /** The clear token, for the email only: it is never stored. */
  token: string;
}

/**
 * What creating and resending share: the hourly quota, a fresh token (only its hash reaches the
 * database) and expiry, and the guarded function `call` that stores them.
 */
export async function issueInvitation(tx: Tx, orgId: string, call: (hash: string, expiresAt: Date) => SqlQuery): Promise<IssuedInvitation> {
  await assertInvitationQuota(tx, orgId);
  const { token, hash } = newInvitationToken();
  const expiresAt = new Date(Date.now() + config().INVITE_TTL_HOURS * 3_600_000);
  const row = await tx.one<Omit<IssuedInvitation, "token" | "expiresAt"> & { expiresAt: Date | string }>(sql`
    select id, email, role, expires_at as "expiresAt", sent_count as "sentCount" from ${call(hash, expiresAt)}`);
  return { ...row, expiresAt: toIso(row.expiresAt), token };
}
