import { sql, type Tx } from "@/server/db";
import type { Role } from "@/lib/permissions";
import { issueInvitation, type IssuedInvitation } from "./issue-invitation";

/** A new invitation through the guarded database function (permission, rank, not a member, one pending). */
export async function createInvitation(tx: Tx, orgId: string, input: { email: string; role: Role }): Promise<IssuedInvitation> {
  return issueInvitation(tx, orgId, (hash, expiresAt) =>
    sql`app_private.create_invitation(${orgId}::uuid, ${input.email}, ${input.role}, ${hash}, ${expiresAt}::timestamptz)`);
}
