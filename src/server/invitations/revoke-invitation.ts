import { sql, type Tx } from "@/server/db";

/** Closes a pending invitation through the guarded database function (which writes the audit event). */
export async function revokeInvitation(tx: Tx, orgId: string, invitationId: string): Promise<void> {
  await tx.query(sql`select 1 from app_private.revoke_invitation(${orgId}::uuid, ${invitationId}::uuid)`);
}
