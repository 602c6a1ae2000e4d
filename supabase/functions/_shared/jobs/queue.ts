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
   * chained to successes (`settleAndClaim`) between full claims: a lease runs for tens of seconds,
   * so looking for expired ones once a second loses nothing and spares each job two index scans.
   */
  queuedOnly?: boolean;
}

/**
 * The claim as CTEs, for `claimJobs` and `settleAndClaim`: settle the dead (a data-modifying WITH
 * always runs to completion), then take the due. The two never touch the same row, nor the rows
 * `except` names (jobs being settled in the same statement: one row may change once per statement).
 */
function claimSql(options: ClaimOptions, except: readonly string[]) {
  // A subquery, not a constant: the planner then cannot see how many rows are wanted and takes
  // the partial index in its order, stopping after `limit` rows. Given the number, and without
  // statistics (PGlite has no autovacuum, so public.jobs is never analyzed), it guesses a couple
  // of due rows and, for any limit above that, sorts every due job instead (4 ms at 3,000).
  const limit = sql`(select ${options.limit ?? 1}::int)`;
  // "all" (the in-process worker): no kind filter, so the claim is a plain ordered index scan; a
  // job of a kind this build does not know is claimed and failed with a reason, not left stuck.
  const ofKind = options.kinds === "all" ? sql`true` : sql`kind = any(${[...options.kinds]}::text[])`;
  const notExcept = except.length === 0 ? sql`true` : sql`not (id = any(${[...except]}::uuid[]))`;
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
  return tx.query<ClaimedJob>(sql`with ${claimSql(options, [])} select * from claimed`);
}

/** A run that succeeded, waiting for its success to be recorded. */
export interface SucceededRun {
  id: string;
  lease_token: string;
  result: unknown;
}

/**
 * Settles succeeded runs (as `settle` does: each only while it still holds its lease) and claims
 * the next due jobs (`claim`, up to its `limit`; null claims nothing), in one statement: a busy
 * worker spends one round trip on all the jobs that ended meanwhile and on their successors,
 * instead of a transaction each. `settled` names the runs whose success was recorded; the others
 * had lost their lease.
 */
export async function settleAndClaim(
  tx: JobTx,
  runs: readonly SucceededRun[],
  claim: ClaimOptions | null,
): Promise<{ settled: Set<string>; next: ClaimedJob[] }> {
  const ids = runs.map((r) => r.id);
  // One jsonb object keyed by job id: the lease each run must still hold and the result it records.
  const byId = JSON.stringify(Object.fromEntries(runs.map((r) => [r.id, { lease_token: r.lease_token, result: r.result ?? null }])));
  const finished = sql`
    input as (select ${byId}::jsonb as runs),
    finished as (
      update public.jobs
         set status = 'succeeded', result = (select runs from input) -> id::text -> 'result', error = null,
             lease_token = null, locked_by = null, locked_until = null, finished_at = now()
       where id = any(${ids}::uuid[])
         -- A case, so that the rows are found by primary key: a plain status = 'running' lets the
         -- planner (without statistics on PGlite) prefer the partial index of running jobs, which
         -- also holds an entry for every run since its last cleanup.
         and case when status = 'running' then lease_token = ((select runs from input) -> id::text ->> 'lease_token')::uuid else false end
      returning id
    )`;
  const settledIds = sql`(select coalesce(json_agg(id), '[]'::json) from finished)`;
  if (!claim) {
    const rows = await tx.query<{ settled_ids: string[] }>(sql`with ${finished} select ${settledIds} as settled_ids`);
    return { settled: new Set(rows[0]?.settled_ids ?? []), next: [] };
  }
  const rows = await tx.query<ClaimedJob & { settled_ids: string[] }>(sql`
    with ${finished}, ${claimSql(claim, ids)}
    select ${settledIds} as settled_ids, c.*
      from (select 1) one left join claimed c on true`);
  const next = rows.filter((r) => r.id !== null).map(({ settled_ids: _, ...job }) => job);
  return { settled: new Set(rows[0]?.settled_ids ?? []), next };
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
