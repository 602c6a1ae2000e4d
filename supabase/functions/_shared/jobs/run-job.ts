import { singleStatement, type JobDatabase, type JobTx } from "../db/database.ts";
import { sql } from "../db/sql.ts";
import { JobStopped, PermanentJobError } from "./errors.ts";
import type { JobContext, JobServices, Progress } from "./job-kind.ts";
import { heartbeat, holdLease, recordFailure, settle, settleAndClaim, type ClaimedJob, type ClaimOptions } from "./queue.ts";
import type { JobRegistry } from "./create-job-registry.ts";

export type RunOutcome = "succeeded" | "retrying" | "failed" | "cancelled" | "released" | "lost";

export interface RunOptions {
  leaseSeconds: number;
  /** Aborted on shutdown: the job stops at its next batch boundary and its lease is released. */
  signal?: AbortSignal;
  log?: (event: string, fields: Record<string, unknown>) => void;
  services?: JobServices;
}

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
  const only = async (outcome: Promise<RunOutcome>) => ({ outcome: await outcome, next: undefined });
  const signal = options.signal ?? new AbortController().signal;
  const kind = registry.get(job.kind);
  const fail = (reason: string, permanent: boolean) => singleStatement(db, (tx) => recordFailure(tx, job, reason, { permanent }));
  if (!kind) return only(fail(`No runner here knows the job kind "${job.kind}"`, true));
  const parsed = kind.payload.safeParse(job.payload);
  if (!parsed.success) return only(fail(`Its payload no longer matches the ${job.kind} schema; enqueue it again with a valid payload`, true));

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
    const result = await kind.run(ctx);
    if (claim) {
      clearInterval(beat);
      const { settled, next } = await singleStatement(db, (tx) => settleAndClaim(tx, job, result, claim));
      return { outcome: settled ? "succeeded" : "lost", next: next[0] };
    }
    const ok = await singleStatement(db, (tx) => settle(tx, job, { status: "succeeded", result }));
    return { outcome: ok ? "succeeded" : "lost", next: undefined };
  } catch (error) {
    if (error instanceof JobStopped) {
      if (error.reason === "lease_lost") return { outcome: "lost", next: undefined };
      const status = error.reason === "cancelled" ? "cancelled" : "released";
      const ok = await singleStatement(db, (tx) => settle(tx, job, { status }));
      return { outcome: ok ? status : "lost", next: undefined };
    }
    const reason = error instanceof Error ? error.message : String(error);
    options.log?.("job attempt failed", { jobId: job.id, kind: job.kind, attempt: job.attempts, reason });
    return only(fail(reason, error instanceof PermanentJobError));
  } finally {
    clearInterval(beat);
  }
}
