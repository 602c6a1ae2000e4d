import type { JobDatabase } from "../db/database.ts";
import { claimJobs, enqueue } from "./queue.ts";
import type { JobServices } from "./job-kind.ts";
import type { JobRegistry, JobSchedule } from "./create-job-registry.ts";
import { runClaimedJob, type RunOutcome } from "./run-job.ts";

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

/** `concurrency` loops, each claiming one job at a time in a short transaction and running it. */
export function startWorker(options: WorkerOptions): RunningWorker {
  const stopping = new AbortController();
  const interrupt = new AbortController();
  const idleMs = options.idleMs ?? 1000;
  const log = options.log ?? (() => undefined);

  const loop = async (slot: number) => {
    while (!stopping.signal.aborted) {
      try {
        const [job] = await options.db.transaction((tx) =>
          claimJobs(tx, { workerId: `${options.workerId}/${slot}`, kinds: options.kinds, leaseSeconds: options.leaseSeconds }),
        );
        if (!job) {
          await sleep(idleMs, stopping.signal);
          continue;
        }
        const outcome = await runClaimedJob(options.db, options.registry, job, { leaseSeconds: options.leaseSeconds, signal: interrupt.signal, log, services: options.services });
        options.onOutcome?.(job.id, outcome);
      } catch (error) {
        log("worker loop error", { err: error instanceof Error ? error.message : String(error) });
        await sleep(idleMs, stopping.signal);
      }
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

  const done = Promise.all([...Array.from({ length: options.concurrency }, (_, i) => loop(i)), scheduler()]);
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
    for (let n = 0; n < (options.maxJobs ?? 100) && Date.now() < options.deadline; n++) {
      const [job] = await options.db.transaction((tx) =>
        claimJobs(tx, { workerId: options.workerId, kinds: options.kinds, leaseSeconds: options.leaseSeconds }),
      );
      if (!job) break;
      counts[await runClaimedJob(options.db, options.registry, job, { leaseSeconds: options.leaseSeconds, signal: interrupt.signal, log: options.log, services: options.services })]++;
    }
  } finally {
    clearTimeout(timer);
  }
  return counts;
}
