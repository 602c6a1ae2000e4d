import { randomUUID } from "node:crypto";
import type { Engine } from "@/server/db";
import { sql } from "@/server/db";
import { migrate } from "@/server/db/migrate";
import { provisionOrganization } from "@/server/orgs/provision-organization";
import { jobDatabase } from "@/server/jobs/job-database";
import { jobRegistry } from "@edge-shared/jobs/shared-job-registry.ts";
import { startWorker } from "@edge-shared/jobs/worker.ts";
import { recordFigure } from "./record-figure";
import { percentile, round, writeResult } from "./stats";

const JOBS = Number(process.env.BENCH_JOBS ?? 1000);
const WORKERS = 4;
const ROUNDS = 3;

async function fill(engine: Engine, orgId: string) {
  await engine.transaction((tx) =>
    tx.query(sql`insert into public.jobs (org_id, kind, payload, run_after)
                 select ${orgId}, 'system.noop', '{}', now() - interval '1 second' from generate_series(1, ${JOBS})`),
  );
}

/** The real worker: 4 loops claiming, running and settling no-op jobs through the queue code. */
async function workerRun(engine: Engine): Promise<number> {
  let done = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const worker = startWorker({
      db: jobDatabase(engine), registry: jobRegistry, kinds: "all", workerId: "bench", concurrency: WORKERS,
      leaseSeconds: 60, idleMs: 5,
      onOutcome: () => {
        if (++done === JOBS) void worker.stop().then(resolve);
      },
    });
  });
  return performance.now() - started;
}

const BARE_CLAIM = sql`
  update public.jobs set status = 'succeeded', finished_at = now()
   where id = (select id from public.jobs where status = 'queued' and run_after <= now()
                order by run_after limit 1 for update skip locked)
  returning id`;

/**
 * The floor: 4 loops of the barest claim there is, one `update … skip locked` per job, as the owner,
 * in one round trip (`engine.statement`: the queue's own claims and settlements run that way too).
 * `inTransaction` is the floor used before (begin, update, commit), kept for comparison.
 */
async function bareClaimLoop(engine: Engine, inTransaction = false): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (;;) {
        const rows = inTransaction ? await engine.transaction((tx) => tx.query(BARE_CLAIM)) : await engine.statement(BARE_CLAIM);
        if (rows.length === 0) return;
      }
    }),
  );
  return performance.now() - started;
}

/**
 * No-op jobs per second through the queue with 4 workers, against the floor of a bare
 * `update … skip locked` claim loop with the same concurrency on the same engine, interleaved
 * (and against the same loop in begin/commit transactions, the floor before).
 */
export async function benchJobsThroughput(engine: Engine, label: string): Promise<void> {
  await migrate(engine, { localBootstrap: true });
  const orgId = await engine.transaction((tx) => provisionOrganization(tx, { slug: `bench-jobs-${randomUUID().slice(0, 8)}`, name: "Bench jobs" }));
  const worker: number[] = [];
  const floor: number[] = [];
  const floorInTransaction: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await fill(engine, orgId);
    worker.push((JOBS / (await workerRun(engine))) * 1000);
    await fill(engine, orgId);
    floor.push((JOBS / (await bareClaimLoop(engine))) * 1000);
    await fill(engine, orgId);
    floorInTransaction.push((JOBS / (await bareClaimLoop(engine, true))) * 1000);
  }
  const jobsPerSecond = percentile(worker, 50);
  const floorPerSecond = percentile(floor, 50);
  recordFigure({ name: `Job queue, ${WORKERS} workers, vs bare skip-locked loop`, engine: label as "pglite" | "postgres", value: jobsPerSecond, floor: floorPerSecond, unit: "jobs/s", target: { ratioMin: 0.5 } });
  await writeResult(`jobs-throughput-${label}`, {
    engine: label,
    jobs: JOBS,
    workers: WORKERS,
    rounds: ROUNDS,
    jobsPerSecondP50: round(jobsPerSecond, 0),
    floorJobsPerSecondP50: round(floorPerSecond, 0),
    ratio: round(jobsPerSecond / floorPerSecond),
    floorInTransactionJobsPerSecondP50: round(percentile(floorInTransaction, 50), 0),
    ratioToFloorInTransaction: round(jobsPerSecond / percentile(floorInTransaction, 50)),
    samples: { worker: worker.map((v) => round(v, 0)), floor: floor.map((v) => round(v, 0)), floorInTransaction: floorInTransaction.map((v) => round(v, 0)) },
  });
}

/** BENCH_ONLY=jobs: PGlite, and PostgreSQL when a URL is given (in a scratch database). */
export async function benchJobs(postgresUrl: string | undefined, withScratchDatabase: (url: string, fn: (url: string) => Promise<void>) => Promise<void>) {
  const { createPGliteEngine } = await import("@/server/db/pglite-engine");
  const { createPostgresEngine } = await import("@/server/db/postgres-engine");
  const pglite = await createPGliteEngine();
  await benchJobsThroughput(pglite, "pglite");
  await pglite.close();
  if (!postgresUrl) return console.log("jobs-throughput-postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
  await withScratchDatabase(postgresUrl, async (url) => {
    // 4 workers + heartbeats: room for each loop's connection.
    const engine = createPostgresEngine(url, 8);
    await benchJobsThroughput(engine, "postgres");
    await engine.close();
  });
}
