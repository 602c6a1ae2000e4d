import { sql, type Tx } from "@/server/db";

/** Removes a membership through the guarded database function (same rules as updateMember). */
export async function removeMember(tx: Tx, orgId: string, userId: string): Promise<void> {
  await tx.query(sql`select app_private.remove_member(${orgId}::uuid, ${userId}::uuid)`);
}
