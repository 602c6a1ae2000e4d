import { sql, type Tx } from "@/server/db";
import { issueInvitation, type IssuedInvitation } from "./issue-invitation";

/** A fresh token and expiry for a pending invitation; the old link stops working. */
export async function resendInvitation(tx: Tx, orgId: string, invitationId: string): Promise<IssuedInvitation> {
  return issueInvitation(tx, orgId, (hash, expiresAt) =>
    sql`app_private.resend_invitation(${orgId}::uuid, ${invitationId}::uuid, ${hash}, ${expiresAt}::timestamptz)`);
}
