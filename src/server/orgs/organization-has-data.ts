import { sql, type Tx } from "@/server/db";

/**
 * Whether the organization holds any synced data or connection (the same answer for every member,
 * whatever their role may read): the home page shows its start page until it does.
 */
export async function organizationHasData(tx: Tx, orgId: string): Promise<boolean> {
  const row = await tx.one<{ has: boolean }>(sql`select app_private.org_has_synced_data(${orgId}::uuid) as has`);
  return row.has;
}
