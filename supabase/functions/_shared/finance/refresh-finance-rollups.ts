import type { JobTx } from "../db/database.ts";
import { sql } from "../db/sql.ts";

/**
 * Recomputes every rollup of an organization (receivables, revenue/expenses/cash by day and contact,
 * WIP and hours) from its synced rows. Writers never need it: triggers keep the rollups right in the
 * writer's transaction (migration 20261130020100_rollups.sql). It is the repair behind a dashboard's
 * Refresh, run as the service role.
 */
export async function refreshFinanceRollups(tx: JobTx, orgId: string): Promise<{ days: number }> {
  const row = await tx.one<{ days: number }>(sql`select app_private.rebuild_rollups(${orgId}::uuid) as days`);
  return { days: Number(row.days) };
}
