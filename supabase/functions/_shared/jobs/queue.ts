import type { JobTx } from "../db/database.ts";
import { sql } from "../db/sql.ts";
import { retryDelayMs } from "./backoff.ts";
import { InvalidJobError } from "./errors.ts";
import type { JobRegistry } from "./create-job-registry.ts";

export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";

export interface EnqueueInput {
  /** Null for deployment-level work (email.send): only the service role may enqueue it. */
  orgId: string | null;
  kind: string;
  payload?: unknown;
  /** Same organization + kind + key → the existing job is returned, none is added. */
  idempotencyKey?: string;
  runAfter?: Date;
  maxAttempts?: number;
}

export interface ClaimedJob {
  id: string;
  org_id: string | null;
  kind: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  lease_token: string;
  progress: { done?: number; total?: number; message?: string };
}

function issuesToDetails(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const details: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = ["payload", ...issue.path.map(String)].join(".");
    (details[key] ??= []).push(issue.message);
  }
  return details;
}

/**
 * Adds a job inside the caller's transaction (a rolled-back caller leaves no job). Unknown kinds and
 * payloads that fail the kind's schema are refused before anything is written. Runs as the
 * caller: a member may only enqueue for an organization they belong to (app_private.enqueue_job).
 */
export async function enqueue(tx: JobTx, registry: JobRegistry, input: EnqueueInput): Promise<{ id: string; created: boolean }> {
  const kind = registry.get(input.kind);
  if (!kind) throw new InvalidJobError(`Unknown job kind "${input.kind}"`, { kind: ["is not a known job kind"] });
  const parsed = kind.payload.safeParse(input.payload ?? {});
  if (!parsed.success) throw new InvalidJobError(`The payload of a ${input.kind} job is invalid`, issuesToDetails(parsed.error.issues));
  return tx.one<{ id: string; created: boolean }>(sql`
    select id, created from app_private.enqueue_job(
      ${input.orgId}, ${input.kind}, ${JSON.stringify(parsed.data ?? {})}::jsonb, ${input.idempotencyKey ?? null},
      ${input.runAfter?.toISOString() ?? null}::timestamptz, ${input.maxAttempts ?? kind.maxAttempts ?? 5})`);
}

export interface ClaimOptions {
  workerId: string;
  kinds: readonly string[] | "all";
  leaseSeconds: number;
  limit?: number;
  /**
   * Take queued jobs only: no settling of dead runs, no reclaiming of expired leases. For a claim
   * chained to a success (`settleAndClaim`) between full claims: a lease runs for tens of seconds,
   * so looking for expired ones once a second loses nothing and spares each job two index scans.
   */
  queuedOnly?: boolean;
}

/**
 * The claim as CTEs, for `claimJobs` and `settleAndClaim`: settle the dead (a data-modifying WITH
 * always runs to completion), then take the due. The two never touch the same row, nor the row
 * `except` names (a job being settled in the same statement: one row may change once per statement).
 */
function claimSql(options: ClaimOptions, except: string | null) {
  const limit = options.limit ?? 1;
  // "all" (the in-process worker): no kind filter, so the claim is a plain ordered index scan; a
  // job of a kind this build does not know is claimed and failed with a reason, not left stuck.
  const ofKind = options.kinds === "all" ? sql`true` : sql`kind = any(${[...options.kinds]}::text[])`;
  const notExcept = except === null ? sql`true` : sql`id <> ${except}`;
  const claim = sql`
    claimed as (
      update public.jobs j
         set status = 'running', attempts = j.attempts + 1, lease_token = gen_random_uuid(),
             locked_by = ${options.workerId}, locked_until = now() + make_interval(secs => ${options.leaseSeconds}),
             heartbeat_at = now(), started_at = coalesce(j.started_at, now())
        from due where j.id = due.id
      returning j.id, j.org_id, j.kind, j.payload, j.attempts, j.max_attempts, j.lease_token, j.progress
    )`;
  const queued = sql`
    select id, run_after as since from public.jobs
     where status = 'queued' and run_after <= now() and ${ofKind}
     order by run_after limit ${limit} for update skip locked`;
  if (options.queuedOnly) return sql`due as (${queued}), ${claim}`;
  return sql`
    settled as (
      update public.jobs
         set status = case when cancel_requested_at is not null then 'cancelled' else 'failed' end,
             error = case when cancel_requested_at is not null then error
                     else format('The worker running this job stopped responding on each of %s attempts; it was not retried again. Check the server logs around %s, then enqueue it again.', attempts, to_char(locked_until, 'YYYY-MM-DD HH24:MI:SS TZ')) end,
             lease_token = null, locked_by = null, locked_until = null, finished_at = now()
       where status = 'running' and locked_until < now()
         and (attempts >= max_attempts or cancel_requested_at is not null) and ${notExcept}
      returning id
    ), queued as (${queued}
    ), abandoned as (
      select id, locked_until as since from public.jobs
       where status = 'running' and locked_until < now() and attempts < max_attempts and cancel_requested_at is null
         and ${ofKind} and ${notExcept}
       order by locked_until limit ${limit} for update skip locked
    ), due as (
      -- Two index scans (each partial index in its own order) rather than one scan over an OR.
      select id from (select * from queued union all select * from abandoned) candidates order by since limit ${limit}
    ), ${claim}`;
}

/**
 * Claims up to `limit` due jobs of `kinds`: queued ones whose time has come, and running ones whose
 * lease ran out (their worker died). `skip locked` lets concurrent claimers pass each other instead
 * of waiting or taking the same row; each claim gets a new lease token. A job whose lease ran out
 * on its last attempt, or while a cancellation was pending, is settled here instead of rerun.
 */
export async function claimJobs(tx: JobTx, options: ClaimOptions): Promise<ClaimedJob[]> {
  // One statement, one round trip per claim.
  return tx.query<ClaimedJob>(sql`with ${claimSql(options, null)} select * from claimed`);
}

/**
 * Settles a succeeded run (as `settle` does: only while it still holds its lease) and claims the
 * next due jobs, in one statement: a busy worker spends one round trip between two jobs instead
 * of two transactions. `settled` false: the lease was lost, the success was not recorded.
 */
export async function settleAndClaim(
  tx: JobTx,
  job: Pick<ClaimedJob, "id" | "lease_token">,
  result: unknown,
  options: ClaimOptions,
): Promise<{ settled: boolean; next: ClaimedJob[] }> {
  const rows = await tx.query<ClaimedJob & { settled_count: number }>(sql`
    with finished as (
      update public.jobs set status = 'succeeded', result = ${JSON.stringify(result ?? null)}::jsonb, error = null,
             lease_token = null, locked_by = null, locked_until = null, finished_at = now()
       where id = ${job.id} and lease_token = ${job.lease_token} and status = 'running'
      returning id
    ), ${claimSql(options, job.id)}
    select (select count(*) from finished)::int as settled_count, c.*
      from (select 1) one left join claimed c on true`);
  const settled = (rows[0]?.settled_count ?? 0) > 0;
  const next = rows.filter((r) => r.id !== null).map(({ settled_count: _, ...job }) => job);
  return { settled, next };
}

/** Extends the lease; false when it is no longer ours (expired and reclaimed, or settled). */
export async function heartbeat(tx: JobTx, job: Pick<ClaimedJob, "id" | "lease_token">, leaseSeconds: number): Promise<boolean> {
  const row = await tx.maybeOne(sql`
    update public.jobs set heartbeat_at = now(), locked_until = now() + make_interval(secs => ${leaseSeconds})
     where id = ${job.id} and lease_token = ${job.lease_token} and status = 'running'
    returning id`);
  return row !== undefined;
}

/** The lease, checked and locked for the rest of a batch transaction. */
export async function holdLease(tx: JobTx, job: Pick<ClaimedJob, "id" | "lease_token">) {
  return tx.maybeOne<{ cancel_requested: boolean }>(sql`
    select cancel_requested_at is not null as cancel_requested from public.jobs
     where id = ${job.id} and lease_token = ${job.lease_token} and status = 'running'
     for update`);
}

type Settle = { status: "succeeded"; result: unknown } | { status: "cancelled" } | { status: "released" };

/** Ends a run that still holds its lease. `released` puts the job back (shutdown), attempt unspent. */
export async function settle(tx: JobTx, job: Pick<ClaimedJob, "id" | "lease_token">, outcome: Settle): Promise<boolean> {
  const lease = sql`id = ${job.id} and lease_token = ${job.lease_token} and status = 'running'`;
  const row =
    outcome.status === "released"
      ? await tx.maybeOne(sql`
          update public.jobs set status = 'queued', attempts = greatest(attempts - 1, 0), lease_token = null,
                 locked_by = null, locked_until = null where ${lease} returning id`)
      : await tx.maybeOne(sql`
          update public.jobs set status = ${outcome.status},
                 result = ${outcome.status === "succeeded" ? JSON.stringify(outcome.result ?? null) : null}::jsonb,
                 error = ${outcome.status === "cancelled" ? "Cancelled before it finished" : null},
                 lease_token = null, locked_by = null, locked_until = null, finished_at = now()
           where ${lease} returning id`);
  return row !== undefined;
}

/**
 * Records a failed attempt: back to `queued` after an exponential, jittered delay while attempts
 * remain, else `failed`. The reason is kept either way, worded for the person who reads it.
 */
export async function recordFailure(
  tx: JobTx,
  job: Pick<ClaimedJob, "id" | "lease_token" | "attempts" | "max_attempts">,
  reason: string,
  options: { permanent?: boolean } = {},
): Promise<"retrying" | "failed" | "lost"> {
  const final = options.permanent || job.attempts >= job.max_attempts;
  const error = final
    ? `Failed after ${job.attempts} attempt${job.attempts === 1 ? "" : "s"}: ${reason}`
    : `Attempt ${job.attempts} of ${job.max_attempts} failed (will retry): ${reason}`;
  const row = await tx.maybeOne(sql`
    update public.jobs
       set status = ${final ? "failed" : "queued"}, error = ${error.slice(0, 2000)},
           run_after = now() + make_interval(secs => ${final ? 0 : retryDelayMs(job.attempts) / 1000}),
           finished_at = ${final ? sql`now()` : sql`null`},
           lease_token = null, locked_by = null, locked_until = null
     where id = ${job.id} and lease_token = ${job.lease_token} and status = 'running'
    returning id`);
  return row ? (final ? "failed" : "retrying") : "lost";
}

/**
 * Cancels a job of `orgId`: a queued one at once, a running one at its next batch boundary.
 * Returns the status after the request, or undefined when there is no such job.
 */
export async function requestCancel(tx: JobTx, orgId: string, jobId: string): Promise<JobStatus | undefined> {
  const row = await tx.maybeOne<{ status: JobStatus }>(sql`
    update public.jobs
       set status = case when status = 'queued' then 'cancelled' else status end,
           finished_at = case when status = 'queued' then now() else finished_at end,
           error = case when status = 'queued' then 'Cancelled before it started' else error end,
           cancel_requested_at = case when status in ('queued', 'running') then now() else cancel_requested_at end
     where id = ${jobId} and org_id = ${orgId}
    returning status`);
  return row?.status;
}

export interface QueueStats {
  queued: number;
  due: number;
  running: number;
  oldestQueuedAgeSeconds: number | null;
  failedLastDay: number;
}

/**
 * Backlog and failures: of one organization (`orgId`; an organization's admins see only theirs, at
 * /api/health/detailed), or of every organization (the deployment's operators, /api/health/deployment).
 */
export async function queueStats(tx: JobTx, orgId?: string): Promise<QueueStats> {
  const row = await tx.one<{ queued: number; due: number; running: number; oldest: number | null; failed: number }>(sql`
    select count(*) filter (where status = 'queued')::int as queued,
           count(*) filter (where status = 'queued' and run_after <= now())::int as due,
           count(*) filter (where status = 'running')::int as running,
           extract(epoch from now() - min(run_after) filter (where status = 'queued' and run_after <= now()))::float8 as oldest,
           count(*) filter (where status = 'failed' and finished_at > now() - interval '1 day')::int as failed
      from public.jobs
     where (status in ('queued', 'running') or (status = 'failed' and finished_at > now() - interval '1 day'))
       and ${orgId === undefined ? sql`true` : sql`org_id = ${orgId}`}`);
  return {
    queued: row.queued,
    due: row.due,
    running: row.running,
    oldestQueuedAgeSeconds: row.oldest === null ? null : Math.max(0, Math.round(row.oldest)),
    failedLastDay: row.failed,
  };
}
