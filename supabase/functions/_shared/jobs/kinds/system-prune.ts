import { z } from "zod";
import { sql } from "../../db/sql.ts";
import { runtimeEnv } from "../../sync/sync-settings.ts";
import { defineJobKind } from "../job-kind.ts";
import type { JobSchedule } from "../registry.ts";

const BATCH = 5_000;

/** Days finished jobs are kept (failed ones twice as long: their reasons are what people look up). */
export function jobRetentionDays(lookup: (name: string) => string | undefined = runtimeEnv): number {
  const days = Number(lookup("JOBS_RETENTION_DAYS") ?? 14);
  return Number.isInteger(days) && days >= 1 ? days : 14;
}

/**
 * Housekeeping for one organization: deletes finished jobs past their retention and spent or expired
 * OAuth states, in batches (each its own lease-checked transaction). Sync history keeps its runs;
 * a pruned job only leaves its `sync_runs.job_id` empty.
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
    return { jobs, oauthStates: states.length, retentionDays: days };
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
      where (used_at is not null or expires_at < now()) and created_at < now() - interval '1 day'`);
    return orgs.map((o) => ({ orgId: o.org_id, kind: "system.prune", payload: {} }));
  },
};
