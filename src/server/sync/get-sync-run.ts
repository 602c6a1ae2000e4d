import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import type { SyncRunView } from "@/lib/sync-views";
import { loadSyncRuns } from "./load-sync-runs";

/** One run of the organization, for a progress poll; another organization's run is "not found". */
export async function getSyncRun(tx: Tx, orgId: string, runId: string): Promise<SyncRunView> {
  const [run] = await loadSyncRuns(tx, sql`r.org_id = ${orgId} and r.id = ${runId}`);
  if (!run) throw notFound("Sync run");
  return run;
}
