import type { JobTx } from "../db/database.ts";
import { sql } from "../db/sql.ts";

/**
 * Recomputes an organization's rollups from its synced rows: the finance ones (receivables, revenue,
 * expenses and cash by day and contact) by default, or the practice ones (WIP and hours), or all.
 * Writers never need it: triggers keep the rollups right in the writer's transaction (migration
 * 20261130020100_rollups.sql). It is the repair behind a dashboard's Refresh, run as the service role.
 */
export async function refreshFinanceRollups(tx: JobTx, orgId: string, scope: "finance" | "practice" | "all" = "finance"): Promise<{ days: number }> {
  const row = await tx.one<{ days: number }>(sql`select app_private.rebuild_rollups(${orgId}::uuid, ${scope}) as days`);
  return { days: Number(row.days) };
}
