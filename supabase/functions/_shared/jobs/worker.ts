import { singleStatement, type JobDatabase } from "../db/database.ts";
import { claimJobs, enqueue, settle, type ClaimedJob, type ClaimOptions } from "./queue.ts";
import type { JobServices } from "./job-kind.ts";
import type { JobRegistry, JobSchedule } from "./create-job-registry.ts";
import { runJob, runThenClaim, settleSucceeded, type RunOutcome, type Success } from "./run-job.ts";

export interface WorkerOptions {
  db: JobDatabase;
  registry: JobRegistry;
  /** Kinds to claim; "all" claims every job (a kind this build lacks then fails with a reason). */
  kinds: readonly string[] | "all";
  workerId: string;
  concurrency: number;
  leaseSeconds: number;
  /** Wait between polls when the queue is empty. */
  idleMs?: number;
  /** Periodic jobs this worker enqueues (the in-process worker; on Supabase pg_cron does it). */
  schedules?: readonly JobSchedule[];
  log?: (event: string, fields: Record<string, unknown>) => void;
  onOutcome?: (jobId: string, outcome: RunOutcome) => void;
  /** Passed to every job (ctx.services). */
  services?: JobServices;
}

export interface RunningWorker {
  /**
   * Stops claiming; running jobs get `graceMs` to finish, then are told to stop at their next
   * batch boundary and their leases are released (the job is claimed again later, attempt unspent).
   */
  stop(graceMs?: number): Promise<void>;
}

/** Waits `ms`, or less if `signal` aborts; leaves no listener behind either way. */
export const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });

/**
 * Enqueues each schedule's jobs for the current time slot. The idempotency key names the slot, so
 * any number of workers (or restarts) calling this in the same slot add each job once.
 */
export async function enqueueScheduled(db: JobDatabase, registry: JobRegistry, schedules: readonly JobSchedule[], now = new Date()) {
  let created = 0;
  for (const schedule of schedules) {
    const slot = new Date(Math.floor(now.getTime() / (schedule.everySeconds * 1000)) * schedule.everySeconds * 1000).toISOString();
    await db.transaction(async (tx) => {
      for (const item of await schedule.plan(tx)) {
        const key = `schedule:${schedule.name}:${slot}${item.key ? `:${item.key}` : ""}`;
        if ((await enqueue(tx, registry, { orgId: item.orgId, kind: item.kind, payload: item.payload, idempotencyKey: key })).created) created++;
      }
    });
  }
  return created;
}

/**
 * The claims of one claiming loop: a full claim (expired leases too) whenever it settles nothing,
 * and a claim chained to successes takes queued jobs only, except once per `fullEveryMs` (a second,
 * or a quarter of the lease if shorter), so an expired lease is still found within that time while
 * the queue is busy.
 */
function chainedClaims(base: ClaimOptions) {
  const fullEveryMs = Math.min(1000, (base.leaseSeconds * 1000) / 4);
  let lastFull = 0;
  const full = (): ClaimOptions => {
    lastFull = Date.now();
    return base;
  };
  return { full, chained: (): ClaimOptions => (Date.now() - lastFull < fullEveryMs ? { ...base, queuedOnly: true } : full()) };
}

async function releaseUnstarted(db: JobDatabase, job: ClaimedJob, log: (event: string, fields: Record<string, unknown>) => void) {
  await singleStatement(db, (tx) => settle(tx, job, { status: "released" })).catch((error: unknown) =>
    log("could not release a claimed job", { jobId: job.id, err: error instanceof Error ? error.message : String(error) }),
  );
}

/** One turn of the event loop: setImmediate where the runtime has one (Node), else a zero timeout. */
const nextTurn = () =>
  new Promise<void>((resolve) => {
    const { setImmediate } = globalThis as { setImmediate?: (fn: () => void) => unknown };
    if (setImmediate) setImmediate(resolve);
    else setTimeout(resolve, 0);
  });

/**
 * Runs up to `concurrency` jobs at once. One claiming loop keeps the slots full: each of its
 * statements records the successes that ended since the last one and claims a job for every free
 * slot (`settleAndClaim`), so a busy worker spends one round trip per batch of jobs rather than
 * one per job. A claimed job starts at once; every other outcome (a failure, a cancellation) is
 * recorded by the run itself, as before.
 */
export function startWorker(options: WorkerOptions): RunningWorker {
  const stopping = new AbortController();
  const interrupt = new AbortController();
  const idleMs = options.idleMs ?? 1000;
  const log = options.log ?? (() => undefined);
  const runOptions = { leaseSeconds: options.leaseSeconds, signal: interrupt.signal, log, services: options.services };
  const claims = chainedClaims({ workerId: options.workerId, kinds: options.kinds, leaseSeconds: options.leaseSeconds });
  const report = (jobId: string, outcome: RunOutcome) => {
    try {
      options.onOutcome?.(jobId, outcome);
    } catch (error) {
      log("onOutcome failed", { jobId, err: error instanceof Error ? error.message : String(error) });
    }
  };

  let running = 0;
  let succeeded: Success[] = [];
  // Wakes the claiming loop when a job ends or the worker is stopped.
  let wake: (() => void) | undefined;
  const nudge = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  stopping.signal.addEventListener("abort", nudge, { once: true });
  /** Until a job ends, the worker stops, or `ms` (if given) passes. */
  const pause = (ms?: number) =>
    new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(nudge, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const launch = (job: ClaimedJob) => {
    running++;
    void runJob(options.db, options.registry, job, runOptions)
      .then(
        (end) => (end.succeeded ? void succeeded.push({ ...job, result: end.result }) : report(job.id, end.outcome)),
        (error: unknown) => log("worker loop error", { jobId: job.id, err: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        running--;
        nudge();
      });
  };

  const claimLoop = async () => {
    for (;;) {
      if (stopping.signal.aborted && running === 0 && succeeded.length === 0) return;
      if (succeeded.length === 0 && (stopping.signal.aborted || running >= options.concurrency)) {
        await pause();
        continue;
      }
      // Jobs that end in this same turn are recorded by the same statement.
      if (running > 0) await nextTurn();
      const runs = succeeded;
      succeeded = [];
      const free = stopping.signal.aborted ? 0 : options.concurrency - running;
      const claim = free > 0 ? { ...(runs.length > 0 ? claims.chained() : claims.full()), limit: free } : null;
      const { outcomes, next, error } = await settleSucceeded(options.db, runs, claim, log);
      for (const [jobId, outcome] of outcomes) report(jobId, outcome);
      if (error) {
        log("worker loop error", { err: error instanceof Error ? error.message : String(error) });
        if (!stopping.signal.aborted) await pause(idleMs);
        continue;
      }
      // Stopped while claiming: put them back, attempt unspent.
      if (stopping.signal.aborted) {
        for (const job of next) await releaseUnstarted(options.db, job, log);
        continue;
      }
      for (const job of next) launch(job);
      // Fewer due jobs than free slots: wait for a job to end (unless one ended meanwhile), or poll again after idleMs.
      if (claim && next.length < free && succeeded.length === 0) await pause(idleMs);
    }
  };

  const scheduler = async () => {
    const schedules = options.schedules ?? [];
    if (schedules.length === 0) return;
    const tickMs = Math.min(60_000, ...schedules.map((s) => s.everySeconds * 1000));
    while (!stopping.signal.aborted) {
      await enqueueScheduled(options.db, options.registry, schedules).catch((error: unknown) =>
        log("schedule error", { err: error instanceof Error ? error.message : String(error) }),
      );
      await sleep(tickMs, stopping.signal);
    }
  };

  const done = Promise.all([claimLoop(), scheduler()]);
  return {
    async stop(graceMs = 10_000) {
      stopping.abort();
      const timer = setTimeout(() => interrupt.abort(), graceMs);
      try {
        await done;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * An Edge Function's unit of work: claim and run due jobs of `kinds` one after another until none
 * is due, `maxJobs` ran, or the deadline (keep it under the platform's wall-clock limit) passes.
 */
export async function drainJobs(
  options: Pick<WorkerOptions, "db" | "registry" | "kinds" | "workerId" | "leaseSeconds" | "log" | "services"> & { deadline: number; maxJobs?: number },
): Promise<Record<RunOutcome, number>> {
  const counts: Record<RunOutcome, number> = { succeeded: 0, retrying: 0, failed: 0, cancelled: 0, released: 0, lost: 0 };
  const interrupt = new AbortController();
  const timer = setTimeout(() => interrupt.abort(), Math.max(0, options.deadline - Date.now()));
  try {
    const maxJobs = options.maxJobs ?? 100;
    const claims = chainedClaims({ workerId: options.workerId, kinds: options.kinds, leaseSeconds: options.leaseSeconds });
    let next: ClaimedJob | undefined;
    for (let n = 0; n < maxJobs && Date.now() < options.deadline; n++) {
      const job = next ?? (await singleStatement(options.db, (tx) => claimJobs(tx, claims.full())))[0];
      if (!job) break;
      // Claim the next with this one's success only while there is budget left to run it.
      const more = n + 1 < maxJobs && Date.now() < options.deadline ? claims.chained() : null;
      const ran = await runThenClaim(options.db, options.registry, job, { leaseSeconds: options.leaseSeconds, signal: interrupt.signal, log: options.log, services: options.services }, more);
      next = ran.next;
      counts[ran.outcome]++;
    }
    // The deadline passed after the last success claimed its successor: put it back, attempt unspent.
    if (next) await releaseUnstarted(options.db, next, options.log ?? (() => undefined));
  } finally {
    clearTimeout(timer);
  }
  return counts;
}
