import { z } from "zod";
import { sql } from "../../db/sql.ts";
import { runtimeEnv } from "../../sync/sync-settings.ts";
import { defineJobKind } from "../job-kind.ts";
import type { JobSchedule } from "../create-job-registry.ts";

const BATCH = 5_000;

/** Days finished jobs are kept (failed ones twice as long: their reasons are what people look up). */
export function jobRetentionDays(lookup: (name: string) => string | undefined = runtimeEnv): number {
  const days = Number(lookup("JOBS_RETENTION_DAYS") ?? 14);
  return Number.isInteger(days) && days >= 1 ? days : 14;
}

/** Days uploaded import files (and their staged rows) are kept; the import's history stays. */
export function importRetentionDays(lookup: (name: string) => string | undefined = runtimeEnv): number {
  const days = Number(lookup("IMPORT_RETENTION_DAYS") ?? 90);
  return Number.isInteger(days) && days >= 1 ? days : 90;
}

const IMPORTS_PER_BATCH = 20;

/**
 * Housekeeping for one organization: deletes finished jobs past their retention and spent or expired
 * OAuth states, and uploaded import files past IMPORT_RETENTION_DAYS with their staged rows, in
 * batches (each its own lease-checked transaction). Sync history keeps its runs; a pruned job only
 * leaves its `sync_runs.job_id` empty; an import keeps its history and counts (its error report
 * and re-download are gone).
 */
export const systemPrune = defineJobKind({
  kind: "system.prune",
  runner: "sync-run",
  readPermission: "org.manage",
  payload: z.object({}).strict(),
  async run(ctx) {
    const days = jobRetentionDays();
    // A null organization prunes the deployment-level jobs (email.send).
    const ofOrg = ctx.job.orgId === null ? sql`org_id is null` : sql`org_id = ${ctx.job.orgId}`;
    let jobs = 0;
    for (;;) {
      const deleted = await ctx.batch((tx) =>
        tx.query(sql`
          delete from public.jobs where id in (
            select id from public.jobs
            where ${ofOrg} and id <> ${ctx.job.id}
              and ((status in ('succeeded', 'cancelled') and finished_at < now() - make_interval(days => ${days}))
                or (status = 'failed' and finished_at < now() - make_interval(days => ${days * 2})))
            limit ${BATCH})
          returning 1`),
      );
      jobs += deleted.length;
      if (deleted.length < BATCH) break;
    }
    if (ctx.job.orgId === null) return { jobs, oauthStates: 0, retentionDays: days };
    const states = await ctx.batch((tx) =>
      tx.query(sql`
        delete from public.integration_oauth_states
        where org_id = ${ctx.job.orgId} and (used_at is not null or expires_at < now()) and created_at < now() - interval '1 day'
        returning 1`),
    );
    let importFiles = 0;
    const store = ctx.services.importFiles;
    const importDays = importRetentionDays();
    while (store) {
      // The file goes first, inside the transaction: if deleting it fails nothing is marked, and a
      // file deleted by a batch that then failed to commit is simply deleted again next time.
      const pruned = await ctx.batch(async (tx) => {
        const rows = await tx.query<{ id: string; storage_path: string }>(sql`
          select id, storage_path from public.imports
          where org_id = ${ctx.job.orgId} and file_deleted_at is null and created_at < now() - make_interval(days => ${importDays})
            and status not in ('validating', 'processing', 'reverting')
          order by created_at limit ${IMPORTS_PER_BATCH} for update skip locked`);
        if (rows.length === 0) return 0;
        await store.remove(rows.map((r) => r.storage_path));
        const ids = rows.map((r) => r.id);
        await tx.query(sql`delete from public.import_rows where import_id = any(${ids}::uuid[])`);
        await tx.query(sql`update public.imports set file_deleted_at = now() where id = any(${ids}::uuid[])`);
        return rows.length;
      });
      importFiles += pruned;
      if (pruned < IMPORTS_PER_BATCH) break;
    }
    return { jobs, oauthStates: states.length, importFiles, retentionDays: days, importRetentionDays: importDays };
  },
});

/** Daily, for each organization with something to prune (and for the deployment-level jobs). */
export const systemPruneSchedule: JobSchedule = {
  name: "system.prune",
  runner: "sync-run",
  everySeconds: 86_400,
  async plan(tx) {
    const days = jobRetentionDays();
    const orgs = await tx.query<{ org_id: string | null }>(sql`
      select distinct org_id from public.jobs
      where status in ('succeeded', 'cancelled', 'failed') and finished_at < now() - make_interval(days => ${days})
      union
      select distinct org_id from public.integration_oauth_states
      where (used_at is not null or expires_at < now()) and created_at < now() - interval '1 day'
      union
      select distinct org_id from public.imports
      where file_deleted_at is null and created_at < now() - make_interval(days => ${importRetentionDays()})`);
    return orgs.map((o) => ({ orgId: o.org_id, kind: "system.prune", payload: {} }));
  },
};
