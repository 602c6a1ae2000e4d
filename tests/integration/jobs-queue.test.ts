/**
 * The job queue against real engines: enqueue in the caller's transaction, idempotency, claiming
 * with skip locked by concurrent workers, lease expiry and reclaim, retries with backoff, cancellation
 * at batch boundaries, graceful shutdown and schedules.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { sql } from "@/server/db/sql";
import { asServiceOn, asUserOn } from "@/server/db/transactions";
import { AppError } from "@/server/http/app-error";
import { toAppError } from "@/server/http/to-app-error";
import { enqueueJob } from "@/server/jobs/enqueue-job";
import { jobDatabase } from "@/server/jobs/job-database";
import { claimJobs, requestCancel } from "@edge-shared/jobs/queue.ts";
import { systemPrune, systemPruneSchedule } from "@edge-shared/jobs/kinds/system-prune.ts";
import { createJobRegistry } from "@edge-shared/jobs/create-job-registry.ts";
import { defineJobKind } from "@edge-shared/jobs/job-kind.ts";
import type { JobDatabase } from "@edge-shared/db/database.ts";
import { runClaimedJob } from "@edge-shared/jobs/run-job.ts";
import { drainJobs, enqueueScheduled, startWorker } from "@edge-shared/jobs/worker.ts";
import { setupTestDatabase } from "../helpers/test-db";
import { createOrgWithMembers } from "../helpers/fixtures";
import { createEffectsTable, effectsOf, gates, testBatches, testFails, testRegistry } from "../helpers/test-job-kinds";

const db = setupTestDatabase();
const registry = testRegistry;
const kinds = registry.kindsFor("all");

type World = Awaited<ReturnType<typeof createOrgWithMembers>>;
let acme: World;
let globex: World;

const jobRow = (id: string) =>
  db.engine().transaction((tx) =>
    tx.one<{ status: string; attempts: number; error: string | null; run_after: Date; progress: { done?: number }; result: unknown }>(
      sql`select status, attempts, error, run_after, progress, result from public.jobs where id = ${id}`,
    ),
  );
const jobCount = (orgId: string) =>
  db.engine().transaction(async (tx) => (await tx.one<{ n: number }>(sql`select count(*)::int as n from public.jobs where org_id = ${orgId}`)).n);
const asService = <T>(fn: Parameters<typeof asServiceOn<T>>[1]) => asServiceOn(db.engine(), fn);
const enqueueAsService = (input: Parameters<typeof enqueueJob>[1]) => asService((tx) => enqueueJob(tx, input, registry));
const drain = (workerId = "drainer") =>
  drainJobs({ db: jobDatabase(db.engine()), registry, kinds, workerId, leaseSeconds: 30, deadline: Date.now() + 20_000 });
const makeDue = (id: string) => db.engine().transaction((tx) => tx.query(sql`update public.jobs set run_after = now() where id = ${id}`));
const expireLease = (id: string) =>
  db.engine().transaction((tx) => tx.query(sql`update public.jobs set locked_until = now() - interval '1 second' where id = ${id}`));

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  acme = await createOrgWithMembers(db.engine());
  globex = await createOrgWithMembers(db.engine());
  await createEffectsTable(db.engine());
});

describe("enqueue", () => {
  it("a job enqueued in a rolled-back transaction never exists and never runs", async () => {
    const before = await jobCount(acme.org.id);
    await expect(
      asUserOn(db.engine(), acme.members.operator.claims, async (tx) => {
        await enqueueJob(tx, { orgId: acme.org.id, kind: "test.batches", payload: { batches: 1 } }, registry);
        throw new Error("the request failed after enqueueing");
      }),
    ).rejects.toThrow("the request failed after enqueueing");
    expect(await jobCount(acme.org.id)).toBe(before);
    expect((await drain()).succeeded).toBe(0);
  });

  it("a member enqueues for their organization in their own transaction", async () => {
    const job = await asUserOn(db.engine(), acme.members.staff.claims, (tx) =>
      enqueueJob(tx, { orgId: acme.org.id, kind: "system.noop", payload: {} }, registry),
    );
    expect(job).toMatchObject({ kind: "system.noop", created: true });
    expect(await jobRow(job.id)).toMatchObject({ status: "queued", attempts: 0 });
    await asService((tx) => requestCancel(tx, acme.org.id, job.id));
  });

  it("refuses to enqueue into an organization the caller does not belong to", async () => {
    const before = await jobCount(acme.org.id);
    const error = await asUserOn(db.engine(), globex.members.admin.claims, (tx) =>
      enqueueJob(tx, { orgId: acme.org.id, kind: "system.noop" }, registry),
    ).catch((e: unknown) => e);
    expect(toAppError(error).code).toBe("FORBIDDEN");
    expect(await jobCount(acme.org.id)).toBe(before);
  });

  it("refuses an unknown kind and a payload that fails its schema, writing nothing", async () => {
    const before = await jobCount(acme.org.id);
    const unknown = await enqueueAsService({ orgId: acme.org.id, kind: "sync.nothing_here" }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(AppError);
    expect(unknown).toMatchObject({ code: "VALIDATION_FAILED", message: 'Unknown job kind "sync.nothing_here"' });
    const bad = await enqueueAsService({ orgId: acme.org.id, kind: "test.batches", payload: { batches: "many" } }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: "VALIDATION_FAILED", details: { "payload.batches": [expect.any(String)] } });
    expect(await jobCount(acme.org.id)).toBe(before);
  });

  it("the idempotency key deduplicates per organization and kind, also under concurrent enqueues", async () => {
    const input = { orgId: acme.org.id, kind: "test.batches", payload: { batches: 1 }, idempotencyKey: "import:42" };
    const [first, second] = await Promise.all([enqueueAsService(input), enqueueAsService(input)]);
    expect(first!.id).toBe(second!.id);
    expect([first!.created, second!.created].sort()).toEqual([false, true]);
    const again = await enqueueAsService(input);
    expect(again).toMatchObject({ id: first!.id, created: false });
    const otherOrg = await enqueueAsService({ ...input, orgId: globex.org.id });
    expect(otherOrg.created).toBe(true);
    const otherKind = await enqueueAsService({ ...input, kind: "system.noop", payload: {} });
    expect(otherKind.created).toBe(true);
    await drain();
    expect(await effectsOf(db.engine(), first!.id)).toEqual([1]);
    // Finished, the key still answers with the same job: a retried request does not run it twice.
    expect(await enqueueAsService(input)).toMatchObject({ id: first!.id, created: false });
  });
});

describe("running", () => {
  it("two workers never run the same job", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await enqueueAsService({ orgId: acme.org.id, kind: "test.batches", payload: { batches: 1 } })).id);
    const outcomes: string[] = [];
    const common = { db: jobDatabase(db.engine()), registry, kinds, concurrency: 3, leaseSeconds: 30, idleMs: 10, onOutcome: (_: string, o: string) => void outcomes.push(o) };
    const a = startWorker({ ...common, workerId: "worker-a" });
    const b = startWorker({ ...common, workerId: "worker-b" });
    await until(async () => outcomes.length >= ids.length, "30 jobs");
    await Promise.all([a.stop(), b.stop()]);
    expect(outcomes.filter((o) => o === "succeeded")).toHaveLength(ids.length);
    for (const id of ids) expect(await effectsOf(db.engine(), id)).toEqual([1]);
    const rows = await db.engine().transaction((tx) =>
      tx.query<{ status: string; attempts: number; locked_by: string | null }>(sql`select status, attempts, locked_by from public.jobs where id = any(${ids}::uuid[])`),
    );
    expect(rows.every((r) => r.status === "succeeded" && r.attempts === 1 && r.locked_by === null)).toBe(true);
  });

  it("a worker runs at most `concurrency` jobs at once, and records the successes that end together in one statement with their successors' claim", async () => {
    let runningNow = 0;
    let mostAtOnce = 0;
    const quick = defineJobKind({
      kind: "test.quick",
      runner: "import-process",
      readPermission: null,
      payload: z.object({ waitMs: z.number().int().min(0) }),
      async run(ctx) {
        mostAtOnce = Math.max(mostAtOnce, ++runningNow);
        if (ctx.payload.waitMs > 0) await new Promise((r) => setTimeout(r, ctx.payload.waitMs));
        runningNow--;
        return { job: ctx.job.id };
      },
    });
    const quickRegistry = createJobRegistry([quick]);
    const enqueueQuick = (waitMs: number) => asService((tx) => enqueueJob(tx, { orgId: acme.org.id, kind: "test.quick", payload: { waitMs } }, quickRegistry));
    const jdb = jobDatabase(db.engine());
    let statements = 0;
    const counting: JobDatabase = { ...jdb, single: (fn) => (statements++, jdb.single!(fn)) };
    const runAll = async (ids: string[], concurrency: number) => {
      const outcomes = new Map<string, string>();
      const worker = startWorker({ db: counting, registry: quickRegistry, kinds: ["test.quick"], workerId: "slots", concurrency, leaseSeconds: 30, idleMs: 10, onOutcome: (id, o) => void outcomes.set(id, o) });
      await until(async () => outcomes.size >= ids.length, `${ids.length} jobs`);
      const statementsUntilDone = statements;
      await worker.stop();
      return { outcomes, statementsUntilDone };
    };

    // Jobs that take a while: never more than 3 at once, and all 3 slots used.
    const slow: string[] = [];
    for (let i = 0; i < 9; i++) slow.push((await enqueueQuick(30)).id);
    const { outcomes } = await runAll(slow, 3);
    expect([...outcomes.values()]).toEqual(Array(9).fill("succeeded"));
    expect(mostAtOnce).toBe(3);

    // Jobs that end at once: 12 of them, 4 slots, 4 statements (claim 4, then three times record 4
    // and claim the next), where one per job was spent before.
    const instant: string[] = [];
    for (let i = 0; i < 12; i++) instant.push((await enqueueQuick(0)).id);
    statements = 0;
    const quickRun = await runAll(instant, 4);
    expect([...quickRun.outcomes.values()]).toEqual(Array(12).fill("succeeded"));
    expect(quickRun.statementsUntilDone).toBeLessThanOrEqual(6);
    const rows = await asService((tx) =>
      tx.query<{ id: string; status: string; attempts: number; locked_by: string | null; result: { job: string } }>(
        sql`select id, status, attempts, locked_by, result from public.jobs where id = any(${instant}::uuid[])`,
      ),
    );
    expect(rows.every((r) => r.status === "succeeded" && r.attempts === 1 && r.locked_by === null && r.result.job === r.id)).toBe(true);
  });

  it("a success that cannot be recorded fails its own attempt only: the successes that ended with it are kept", async () => {
    const results = defineJobKind({
      kind: "test.result",
      runner: "import-process",
      readPermission: null,
      payload: z.object({ storable: z.boolean() }),
      // Postgres refuses \u0000 in jsonb, so that result cannot be stored.
      run: async (ctx) => ({ note: ctx.payload.storable ? "fine" : "nul \u0000 here" }),
    });
    const resultsRegistry = createJobRegistry([results]);
    const ids: string[] = [];
    for (const storable of [true, false, true]) {
      ids.push((await asService((tx) => enqueueJob(tx, { orgId: acme.org.id, kind: "test.result", payload: { storable } }, resultsRegistry))).id);
    }
    const outcomes = new Map<string, string>();
    const worker = startWorker({ db: jobDatabase(db.engine()), registry: resultsRegistry, kinds: ["test.result"], workerId: "results", concurrency: 3, leaseSeconds: 30, idleMs: 10, onOutcome: (id, o) => void outcomes.set(id, o) });
    await until(async () => outcomes.size >= 3, "3 outcomes");
    await worker.stop();
    expect(ids.map((id) => outcomes.get(id))).toEqual(["succeeded", "retrying", "succeeded"]);
    expect(await jobRow(ids[0]!)).toMatchObject({ status: "succeeded", attempts: 1, result: { note: "fine" } });
    expect(await jobRow(ids[2]!)).toMatchObject({ status: "succeeded", attempts: 1, result: { note: "fine" } });
    const unstorable = await jobRow(ids[1]!);
    expect(unstorable).toMatchObject({ status: "queued", attempts: 1, result: null });
    expect(unstorable.error).toMatch(/^Attempt 1 of 5 failed \(will retry\): .*(unsupported Unicode escape sequence|\\u0000)/);
  });

  it("a worker killed mid-job loses its lease; the job is reclaimed and each effect happens exactly once", async () => {
    const { id } = await enqueueAsService({ orgId: acme.org.id, kind: "test.batches", payload: { batches: 3, holdAfter: 1 } });
    const jdb = jobDatabase(db.engine());
    const [claimed] = await jdb.transaction((tx) => claimJobs(tx, { workerId: "doomed", kinds, leaseSeconds: 30 }));
    expect(claimed?.id).toBe(id);
    // The doomed worker commits batch 1, then hangs (a frozen or killed process stops heartbeating).
    const zombie = runClaimedJob(jdb, registry, claimed!, { leaseSeconds: 30 });
    await until(async () => gates.reached(id), "batch 1");
    expect(await effectsOf(db.engine(), id)).toEqual([1]);
    await expireLease(id);

    const rescue = await drain("rescuer");
    expect(rescue.succeeded).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: "succeeded", attempts: 2, progress: { done: 3, total: 3 } });

    // The zombie wakes up: its next batch finds the lease gone and writes nothing.
    gates.release(id);
    expect(await zombie).toBe("lost");
    expect(await effectsOf(db.engine(), id)).toEqual([1, 2, 3]);
    expect(await jobRow(id)).toMatchObject({ status: "succeeded" });
  });

  it("a failing job retries with backoff, then ends failed with its reason", async () => {
    const { id } = await enqueueAsService({ orgId: acme.org.id, kind: "test.fails" });
    const started = Date.now();
    expect((await drain()).retrying).toBe(1);
    let row = await jobRow(id);
    expect(row).toMatchObject({ status: "queued", attempts: 1 });
    expect(row.error).toBe("Attempt 1 of 3 failed (will retry): Xero refused the credentials; reconnect the integration in Settings → Integrations");
    // First retry 5 s ± jitter (2.5–5 s) away: not due yet.
    expect(new Date(row.run_after).getTime() - started).toBeGreaterThanOrEqual(2_000);
    expect((await drain()).retrying).toBe(0);
    await makeDue(id);
    expect((await drain()).retrying).toBe(1);
    await makeDue(id);
    expect((await drain()).failed).toBe(1);
    row = await jobRow(id);
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(row.error).toBe("Failed after 3 attempts: Xero refused the credentials; reconnect the integration in Settings → Integrations");
    await makeDue(id);
    expect((await drain()).failed).toBe(0);
  });

  it("a permanent failure is not retried", async () => {
    const { id } = await enqueueAsService({ orgId: acme.org.id, kind: "test.fails", payload: { permanent: true } });
    expect((await drain()).failed).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: "failed", attempts: 1, error: "Failed after 1 attempt: The spreadsheet has no header row; upload a file with headers" });
  });

  it("a job whose worker died on its last attempt ends failed with a reason instead of running again", async () => {
    const { id } = await enqueueAsService({ orgId: acme.org.id, kind: "test.batches", payload: { batches: 1 }, maxAttempts: 1 });
    const [claimed] = await jobDatabase(db.engine()).transaction((tx) => claimJobs(tx, { workerId: "doomed", kinds, leaseSeconds: 30 }));
    expect(claimed?.id).toBe(id);
    await expireLease(id);
    await drain();
    const row = await jobRow(id);
    expect(row.status).toBe("failed");
    expect(row.error).toMatch(/^The worker running this job stopped responding on each of 1 attempts/);
    expect(await effectsOf(db.engine(), id)).toEqual([]);
  });

  it("a job whose kind this registry lacks fails with a reason rather than sticking", async () => {
    const { id } = await enqueueAsService({ orgId: acme.org.id, kind: "test.batches", payload: { batches: 1 } });
    const [claimed] = await jobDatabase(db.engine()).transaction((tx) => claimJobs(tx, { workerId: "old-build", kinds: ["test.batches"], leaseSeconds: 30 }));
    expect(claimed?.id).toBe(id);
    const older = createJobRegistry([testFails]);
    expect(await runClaimedJob(jobDatabase(db.engine()), older, claimed!, { leaseSeconds: 30 })).toBe("failed");
    expect((await jobRow(id)).error).toBe('Failed after 1 attempt: No runner here knows the job kind "test.batches"');
  });
});

describe("cancellation and shutdown", () => {
  it("a queued job is cancelled at once and never runs", async () => {
    const { id } = await enqueueAsService({ orgId: acme.org.id, kind: "test.batches", payload: { batches: 2 } });
    expect(await asService((tx) => requestCancel(tx, acme.org.id, id))).toBe("cancelled");
    await drain();
    expect(await jobRow(id)).toMatchObject({ status: "cancelled", attempts: 0, error: "Cancelled before it started" });
    expect(await effectsOf(db.engine(), id)).toEqual([]);
    // Another organization cannot reach it.
    expect(await asService((tx) => requestCancel(tx, globex.org.id, id))).toBeUndefined();
  });

  it("a running job stops at its next batch boundary", async () => {
    const { id } = await enqueueAsService({ orgId: acme.org.id, kind: "test.batches", payload: { batches: 5, holdAfter: 2 } });
    const running = drain();
    await until(async () => gates.reached(id), "batch 2");
    expect(await asService((tx) => requestCancel(tx, acme.org.id, id))).toBe("running");
    gates.release(id);
    expect((await running).cancelled).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: "cancelled", progress: { done: 2, total: 5 }, error: "Cancelled before it finished" });
    expect(await effectsOf(db.engine(), id)).toEqual([1, 2]);
  });

  it("graceful shutdown releases an unfinished job's lease without spending the attempt; it resumes later", async () => {
    const { id } = await enqueueAsService({ orgId: acme.org.id, kind: "test.batches", payload: { batches: 4, holdAfter: 2 } });
    const worker = startWorker({ db: jobDatabase(db.engine()), registry, kinds, workerId: "shutting-down", concurrency: 1, leaseSeconds: 30, idleMs: 10 });
    await until(async () => gates.reached(id), "batch 2");
    const stopped = worker.stop(50);
    await new Promise((r) => setTimeout(r, 100));
    gates.release(id);
    await stopped;
    expect(await jobRow(id)).toMatchObject({ status: "queued", attempts: 0, progress: { done: 2 } });
    expect((await drain()).succeeded).toBe(1);
    expect(await effectsOf(db.engine(), id)).toEqual([1, 2, 3, 4]);
  });
  it("a worker stopped while its claim is in flight puts the claimed jobs back, attempts unspent, without running them", async () => {
    let ran = 0;
    const counted = defineJobKind({
      kind: "test.counted",
      runner: "import-process",
      readPermission: null,
      payload: z.object({}),
      run: async () => void ran++,
    });
    const countedRegistry = createJobRegistry([counted]);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push((await asService((tx) => enqueueJob(tx, { orgId: acme.org.id, kind: "test.counted", payload: {} }, countedRegistry))).id);
    const jdb = jobDatabase(db.engine());
    // The first statement (the claim) commits, then its answer is held until the worker was told to stop.
    let claimed!: () => void;
    const claimCommitted = new Promise<void>((r) => (claimed = r));
    let answer!: () => void;
    const answerHeld = new Promise<void>((r) => (answer = r));
    let first = true;
    const held: JobDatabase = {
      ...jdb,
      single: async (fn) => {
        if (!first) return jdb.single!(fn);
        first = false;
        const result = await jdb.single!(fn);
        claimed();
        await answerHeld;
        return result;
      },
    };
    const worker = startWorker({ db: held, registry: countedRegistry, kinds: ["test.counted"], workerId: "stopped-mid-claim", concurrency: 2, leaseSeconds: 30, idleMs: 10 });
    await claimCommitted;
    expect((await Promise.all(ids.map(jobRow))).map((r) => r.status)).toEqual(["running", "running"]);
    const stopped = worker.stop();
    answer();
    await stopped;
    for (const id of ids) expect(await jobRow(id)).toMatchObject({ status: "queued", attempts: 0 });
    expect(ran).toBe(0);
  });
});

describe("schedules", () => {
  it("enqueue each periodic job once per time slot, however often they are called", async () => {
    const registryWithSchedule = createJobRegistry([testBatches], [
      {
        name: "test.every_org",
        runner: "import-process",
        everySeconds: 900,
        plan: async () => [acme.org.id, globex.org.id].map((orgId) => ({ orgId, kind: "test.batches", payload: { batches: 1 } })),
      },
    ]);
    const schedules = registryWithSchedule.schedulesFor("all");
    const jdb = jobDatabase(db.engine());
    const slot = new Date("2026-11-22T10:00:00Z");
    expect(await enqueueScheduled(jdb, registryWithSchedule, schedules, slot)).toBe(2);
    expect(await enqueueScheduled(jdb, registryWithSchedule, schedules, new Date("2026-11-22T10:14:59Z"))).toBe(0);
    expect(await enqueueScheduled(jdb, registryWithSchedule, schedules, new Date("2026-11-22T10:15:00Z"))).toBe(2);
    const keys = await db.engine().transaction((tx) =>
      tx.query<{ idempotency_key: string }>(sql`select idempotency_key from public.jobs where idempotency_key like 'schedule:test.every_org:%' order by 1`),
    );
    expect(keys.map((k) => k.idempotency_key)).toEqual([
      "schedule:test.every_org:2026-11-22T10:00:00.000Z",
      "schedule:test.every_org:2026-11-22T10:00:00.000Z",
      "schedule:test.every_org:2026-11-22T10:15:00.000Z",
      "schedule:test.every_org:2026-11-22T10:15:00.000Z",
    ]);
  });
});

describe("retention", () => {
  it("the daily prune deletes finished jobs past retention (failed ones after twice as long) and keeps the rest", async () => {
    const org = await createOrgWithMembers(db.engine());
    const other = await createOrgWithMembers(db.engine());
    const insert = (orgId: string, status: string, daysAgo: number | null) =>
      asService((tx) =>
        tx.one<{ id: string }>(sql`
          insert into public.jobs (org_id, kind, payload, status, finished_at)
          values (${orgId}, 'system.noop', '{}', ${status}, ${daysAgo === null ? null : sql`now() - make_interval(days => ${daysAgo})`})
          returning id`),
      );
    const old = await insert(org.org.id, "succeeded", 20);
    const oldCancelled = await insert(org.org.id, "cancelled", 15);
    const recent = await insert(org.org.id, "succeeded", 3);
    const failedRecently = await insert(org.org.id, "failed", 20);
    const failedLongAgo = await insert(org.org.id, "failed", 40);
    const queued = await insert(org.org.id, "queued", null);
    const otherOld = await insert(other.org.id, "succeeded", 2);

    const pruning = createJobRegistry([systemPrune], [systemPruneSchedule]);
    await enqueueScheduled(jobDatabase(db.engine()), pruning, [systemPruneSchedule]);
    await drainJobs({ db: jobDatabase(db.engine()), registry: pruning, kinds: ["system.prune"], workerId: "pruner", leaseSeconds: 30, deadline: Date.now() + 20_000 });

    const left = await asService((tx) =>
      tx.query<{ id: string }>(sql`select id from public.jobs where id = any(${[old, oldCancelled, recent, failedRecently, failedLongAgo, queued, otherOld].map((j) => j.id)}::uuid[])`),
    );
    expect(new Set(left.map((j) => j.id))).toEqual(new Set([recent.id, failedRecently.id, queued.id, otherOld.id]));
  });
});
