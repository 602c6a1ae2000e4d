import type { z } from "zod";
import { sql, type Tx } from "@/server/db";
import type { syncHistoryQuery } from "@/lib/sync-schemas";
import type { SyncHistoryPage } from "@/lib/sync-views";
import { loadSyncRuns } from "./load-sync-runs";

/** The organization's sync runs, newest first, one page; optionally of one connection or one status. */
export async function listSyncHistory(tx: Tx, orgId: string, query: z.output<typeof syncHistoryQuery>): Promise<SyncHistoryPage> {
  const filters = [sql`r.org_id = ${orgId}`];
  if (query.connectionId) filters.push(sql`r.connection_id = ${query.connectionId}`);
  if (query.status) filters.push(sql`r.status = ${query.status}`);
  const rows = await loadSyncRuns(
    tx,
    sql.join(filters, " and "),
    sql`order by r.created_at desc, r.id desc limit ${query.pageSize + 1} offset ${(query.page - 1) * query.pageSize}`,
  );
  return { items: rows.slice(0, query.pageSize), page: query.page, pageSize: query.pageSize, hasMore: rows.length > query.pageSize };
}
