import { singleStatement, type JobDatabase, type JobTx } from "../db/database.ts";
import { sql } from "../db/sql.ts";
import { JobStopped, PermanentJobError } from "./errors.ts";
import type { JobContext, JobServices, Progress } from "./job-kind.ts";
import { claimJobs, heartbeat, holdLease, recordFailure, settle, settleAndClaim, type ClaimedJob, type ClaimOptions, type SucceededRun } from "./queue.ts";
import type { JobRegistry } from "./create-job-registry.ts";

export type RunOutcome = "succeeded" | "retrying" | "failed" | "cancelled" | "released" | "lost";

export interface RunOptions {
  leaseSeconds: number;
  /** Aborted on shutdown: the job stops at its next batch boundary and its lease is released. */
  signal?: AbortSignal;
  log?: (event: string, fields: Record<string, unknown>) => void;
  services?: JobServices;
}

/** How a run ended: a success not recorded yet (`settleSucceeded` records it), or an outcome already recorded. */
export type RunEnd = { succeeded: true; result: unknown } | { succeeded: false; outcome: RunOutcome };

/** A success to record, with what recording it as a failed attempt instead needs. */
export type Success = SucceededRun & Pick<ClaimedJob, "attempts" | "max_attempts">;

/** The log a caller may leave out. */
type Log = NonNullable<RunOptions["log"]>;

/**
 * Runs one claimed job to an outcome. Each step is its own short transaction (PGlite is a single
 * session: nothing holds it while the job waits on I/O), and a timer heartbeats the lease
 * between them so a long batch does not lose it. The queue's own steps (heartbeat, settle, record
 * a failure) are one statement each on public.jobs, run with `singleStatement` in one round trip.
 */
export async function runClaimedJob(db: JobDatabase, registry: JobRegistry, job: ClaimedJob, options: RunOptions): Promise<RunOutcome> {
  return (await runThenClaim(db, registry, job, options, null)).outcome;
}

/**
 * `runClaimedJob`, and when `claim` is given and the job succeeded, the next job claimed in the
 * same statement that records the success (`settleAndClaim`). Any other outcome claims nothing:
 * the caller claims on its own as before.
 */
export async function runThenClaim(
  db: JobDatabase,
  registry: JobRegistry,
  job: ClaimedJob,
  options: RunOptions,
  claim: ClaimOptions | null,
): Promise<{ outcome: RunOutcome; next: ClaimedJob | undefined }> {
  const end = await runJob(db, registry, job, options);
  if (!end.succeeded) return { outcome: end.outcome, next: undefined };
  const { outcomes, next } = await settleSucceeded(db, [{ ...job, result: end.result }], claim, options.log);
  const outcome = outcomes.get(job.id);
  // Neither the success nor a failure could be recorded (the database is gone): the lease runs out
  // and the job runs again, as when a worker dies.
  if (!outcome) throw new Error(`The outcome of job ${job.id} could not be recorded`);
  return { outcome, next: next[0] };
}

/**
 * Records successes (with `claim`, also claims the next jobs) in one statement. Should that
 * statement fail, each success is recorded on its own, so one bad run cannot undo the others, and
 * a success that cannot be recorded counts as a failed attempt (the job runs again: at least
 * once), as it always did. `outcomes` lacks only runs of which nothing could be recorded.
 */
export async function settleSucceeded(
  db: JobDatabase,
  runs: readonly Success[],
  claim: ClaimOptions | null,
  log: Log = () => undefined,
): Promise<{ outcomes: Map<string, RunOutcome>; next: ClaimedJob[]; error?: unknown }> {
  const outcomes = new Map<string, RunOutcome>();
  if (runs.length === 0 && !claim) return { outcomes, next: [] };
  try {
    // Nothing to record: the plain claim, a smaller statement.
    const { settled, next } = await singleStatement(db, async (tx) =>
      runs.length === 0 && claim ? { settled: new Set<string>(), next: await claimJobs(tx, claim) } : settleAndClaim(tx, runs, claim),
    );
    for (const run of runs) outcomes.set(run.id, settled.has(run.id) ? "succeeded" : "lost");
    return { outcomes, next };
  } catch (error) {
    for (const run of runs) {
      try {
        outcomes.set(run.id, (await singleStatement(db, (tx) => settle(tx, run, { status: "succeeded", result: run.result }))) ? "succeeded" : "lost");
      } catch (settleError) {
        const reason = settleError instanceof Error ? settleError.message : String(settleError);
        log("job attempt failed", { jobId: run.id, reason });
        const failed = await singleStatement(db, (tx) => recordFailure(tx, run, reason)).catch(() => undefined);
        if (failed) outcomes.set(run.id, failed);
      }
    }
    return { outcomes, next: [], error };
  }
}

/**
 * Runs a claimed job. A success is returned unrecorded, with the heartbeat stopped (the caller
 * records it at once, alone or with others: `settleSucceeded`); any other end is recorded here.
 */
export async function runJob(db: JobDatabase, registry: JobRegistry, job: ClaimedJob, options: RunOptions): Promise<RunEnd> {
  const ended = async (outcome: Promise<RunOutcome>): Promise<RunEnd> => ({ succeeded: false, outcome: await outcome });
  const signal = options.signal ?? new AbortController().signal;
  const kind = registry.get(job.kind);
  const fail = (reason: string, permanent: boolean) => singleStatement(db, (tx) => recordFailure(tx, job, reason, { permanent }));
  if (!kind) return ended(fail(`No runner here knows the job kind "${job.kind}"`, true));
  const parsed = kind.payload.safeParse(job.payload);
  if (!parsed.success) return ended(fail(`Its payload no longer matches the ${job.kind} schema; enqueue it again with a valid payload`, true));
  let leaseLost = false;
  const beat = setInterval(() => {
    singleStatement(db, (tx) => heartbeat(tx, job, options.leaseSeconds))
      .then((ok) => void (leaseLost ||= !ok))
      .catch(() => undefined);
  }, Math.max(250, (options.leaseSeconds * 1000) / 3));

  const ctx: JobContext<unknown> = {
    job: { id: job.id, orgId: job.org_id, kind: job.kind, attempt: job.attempts, maxAttempts: job.max_attempts },
    payload: parsed.data,
    resumeFrom: typeof job.progress?.done === "number" ? { done: job.progress.done, total: job.progress.total, message: job.progress.message } : undefined,
    db,
    signal,
    registry,
    services: options.services ?? {},
    batch: <T,>(fn: (tx: JobTx) => Promise<T>, progress?: Progress) =>
      db.transaction(async (tx): Promise<T> => {
        const lease = leaseLost ? undefined : await holdLease(tx, job);
        if (!lease) throw new JobStopped("lease_lost");
        if (lease.cancel_requested) throw new JobStopped("cancelled");
        if (signal.aborted) throw new JobStopped("shutdown");
        const result = await fn(tx);
        if (progress) {
          await tx.query(sql`update public.jobs set progress = ${JSON.stringify(progress)}::jsonb, heartbeat_at = now()
                              where id = ${job.id}`);
        }
        return result;
      }),
  };

  try {
    return { succeeded: true, result: await kind.run(ctx) };
  } catch (error) {
    if (error instanceof JobStopped) {
      if (error.reason === "lease_lost") return { succeeded: false, outcome: "lost" };
      const status = error.reason === "cancelled" ? "cancelled" : "released";
      const ok = await singleStatement(db, (tx) => settle(tx, job, { status }));
      return { succeeded: false, outcome: ok ? status : "lost" };
    }
    const reason = error instanceof Error ? error.message : String(error);
    options.log?.("job attempt failed", { jobId: job.id, kind: job.kind, attempt: job.attempts, reason });
    return ended(fail(reason, error instanceof PermanentJobError));
  } finally {
    clearInterval(beat);
  }
}
