import { sql, type Tx } from "@/server/db";
import { config } from "@/server/config";
import type { Role } from "@/lib/permissions";
import { assertInvitationQuota } from "./invitation-rate-limit";
import { newInvitationToken } from "./invitation-token";

export interface IssuedInvitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  sentCount: number;
  /** The clear token, for the email only: it is never stored. */
  token: string;
}

const expiry = () => new Date(Date.now() + config().INVITE_TTL_HOURS * 3_600_000);

/** A new invitation through the guarded database function (permission, rank, not a member, one pending). */
export async function createInvitation(tx: Tx, orgId: string, input: { email: string; role: Role }): Promise<IssuedInvitation> {
  await assertInvitationQuota(tx, orgId);
  const { token, hash } = newInvitationToken();
  const row = await tx.one<Omit<IssuedInvitation, "token">>(sql`
    select id, email, role, expires_at as "expiresAt", sent_count as "sentCount"
    from app_private.create_invitation(${orgId}::uuid, ${input.email}, ${input.role}, ${hash}, ${expiry()}::timestamptz)`);
  return { ...row, token };
}

/** A fresh token and expiry for a pending invitation; the old link stops working. */
export async function resendInvitation(tx: Tx, orgId: string, invitationId: string): Promise<IssuedInvitation> {
  await assertInvitationQuota(tx, orgId);
  const { token, hash } = newInvitationToken();
  const row = await tx.one<Omit<IssuedInvitation, "token">>(sql`
    select id, email, role, expires_at as "expiresAt", sent_count as "sentCount"
    from app_private.resend_invitation(${orgId}::uuid, ${invitationId}::uuid, ${hash}, ${expiry()}::timestamptz)`);
  return { ...row, token };
}

export async function revokeInvitation(tx: Tx, orgId: string, invitationId: string): Promise<void> {
  await tx.query(sql`select 1 from app_private.revoke_invitation(${orgId}::uuid, ${invitationId}::uuid)`);
}
