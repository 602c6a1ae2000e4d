import type { z } from "zod";
import { sql, type CallerDb } from "@/server/db";
import { AppError, notFound } from "@/server/http/app-error";
import { dispatchJob } from "@/server/jobs/dispatch-job";
import type { triggerSyncBody } from "@/lib/sync-schemas";
import type { TriggeredSyncRun } from "@/lib/sync-views";
import { loadSyncRuns } from "./load-sync-runs";


/**
 * Starts a manual sync of one connection, or of every connected connection of the organization.
 * `request_sync_run` does the checks (sync.run, connected), keeps one active run per connection
 * (a second trigger gets the running one back, created=false) and writes the audit event; the
 * jobs are dispatched only after the transaction committed, so a runner never looks for a job
 * that does not exist yet.
 */
export async function triggerSync(db: CallerDb, orgId: string, input: z.output<typeof triggerSyncBody>): Promise<{ runs: TriggeredSyncRun[] }> {
  const runs = await db(async (tx) => {
    const targets = input.connectionId
      ? await tx.query<{ id: string; status: string }>(sql`
          select id, status from public.integration_connections where id = ${input.connectionId} and org_id = ${orgId}`)
      : await tx.query<{ id: string; status: string }>(sql`
          select id, status from public.integration_connections where org_id = ${orgId} and status = 'connected' order by provider, tenant_name, id`);
    if (input.connectionId && targets.length === 0) throw notFound("Connection");
    if (targets[0]?.status === "currency_mismatch") {
      throw new AppError("CONFLICT", "This Xero organization keeps its books in another currency: an admin chooses what to do in Settings › Integrations before it can sync");
    }
    if (targets.length === 0) throw new AppError("CONFLICT", "There is no connected Xero or XPM organization to sync; connect one in Settings › Integrations");
    const requested: Omit<TriggeredSyncRun, "run">[] = [];
    for (const { id } of targets) {
      const row = await tx.one<{ runId: string; jobId: string | null; created: boolean }>(sql`
        select run_id as "runId", job_id as "jobId", created
          from app_private.request_sync_run(${id}::uuid, 'manual', null, ${input.full ?? false})`);
      requested.push({ connectionId: id, ...row });
    }
    const views = await loadSyncRuns(tx, sql`r.org_id = ${orgId} and r.id = any(${requested.map((r) => r.runId)}::uuid[])`);
    const byId = new Map(views.map((view) => [view.id, view]));
    return requested.map((r) => ({ ...r, run: byId.get(r.runId)! }));
  });
  for (const run of runs) {
    if (run.jobId) await dispatchJob({ id: run.jobId, kind: "sync.run", created: run.created });
  }
  return { runs };
}
