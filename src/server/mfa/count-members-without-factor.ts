import { sql, type Tx } from "@/server/db";

/**
 * Active members of the organization without a verified authenticator (for the home page's nudge).
 * The caller needs `members.read` there; auth.mfa_factors is read by a guarded function.
 */
export async function countMembersWithoutFactor(tx: Tx, orgId: string): Promise<number> {
  const row = await tx.one<{ n: number }>(sql`select app_private.count_members_without_factor(${orgId}::uuid) as n`);
  return row.n;
}
