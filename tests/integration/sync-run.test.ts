/**
 * The `sync.run` job against the Xero/XPM fake and a real database: full then incremental syncs,
 * checkpoints and resumption, rate limits obeyed, token refresh mid-run, day limits, revoked tenants,
 * malformed pages, one active run per connection, schedules and disconnection.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "@/server/db/sql";
import { asServiceOn } from "@/server/db/transactions";
import { enqueueJob } from "@/server/jobs/enqueue-job";
import { jobDatabase } from "@/server/jobs/job-database";
import { createSyncRunKind, syncIntegrationsSchedule, type SyncRunDeps } from "@edge-shared/jobs/kinds/sync-run.ts";
import { createJobRegistry } from "@edge-shared/jobs/create-job-registry.ts";
import { claimJobs } from "@edge-shared/jobs/queue.ts";
import { runClaimedJob } from "@edge-shared/jobs/run-job.ts";
import { drainJobs, enqueueScheduled } from "@edge-shared/jobs/worker.ts";
import { RateLimiter } from "@edge-shared/sync/rate-limiter.ts";
import { forgetTokenSources, loadTokenSet, tokenKey } from "@edge-shared/sync/token-store.ts";
import type { SyncSettings } from "@edge-shared/sync/sync-settings.ts";
import { startXeroFake, type XeroFake } from "@/server/demo/xero-fake/xero-fake";
import type { FakeTenant } from "@/server/demo/xero-fake/xero-fake-data";
import { createOrgWithMembers } from "../helpers/fixtures";
import { connectFakeTenants } from "@/server/demo/xero-fake/connect-fake-tenants";
import { fakeSyncSettings, FAKE_REDIRECT_URI as TEST_REDIRECT_URI } from "@/server/demo/xero-fake/fake-sync-settings";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();
let fake: XeroFake;
let ledger: FakeTenant;
let practice: FakeTenant;
let settings: SyncSettings;
let orgId: string;
let xeroConnection: string;
let xpmConnection: string;

const asService = <T>(fn: Parameters<typeof asServiceOn<T>>[1]) => asServiceOn(db.engine(), fn);
const count = async (table: string) =>
  asService(async (tx) => (await tx.one<{ n: number; ids: number }>(sql([`select count(*)::int as n, count(distinct external_id)::int as ids from public.${table} where org_id = `, ""], orgId))));

/** Runs due sync jobs with this test's settings and limiter (retried attempts made due at once). */
async function drain(deps: SyncRunDeps = {}) {
  const registry = createJobRegistry([createSyncRunKind({ settings, limiter: new RateLimiter({ ...settings.limits }), ...deps })]);
  await asService((tx) => tx.query(sql`update public.jobs set run_after = now() where status = 'queued'`));
  return drainJobs({ db: jobDatabase(db.engine()), registry, kinds: ["sync.run"], workerId: "test", leaseSeconds: 30, deadline: Date.now() + 60_000 });
}

async function requestRun(connectionId: string, trigger = "manual", entities: string[] | null = null, full = false) {
  return asService((tx) =>
    tx.one<{ run_id: string; job_id: string; created: boolean }>(sql`
      select * from app_private.request_sync_run(${connectionId}, ${trigger}, ${entities}::text[], ${full})`),
  );
}

const run = (id: string) =>
  asService((tx) =>
    tx.one<{ status: string; error: string | null; counts: Record<string, { fetched: number; upserted: number; deleted: number }>; pages: number; api_calls: number; progress: { percent?: number }; retry_at: Date | null }>(
      sql`select status, error, counts, pages, api_calls, progress, retry_at from public.sync_runs where id = ${id}`,
    ),
  );
const connection = (id: string) =>
  asService((tx) =>
    tx.one<{ status: string; checkpoints: Record<string, { since?: string; page?: number; lastFullAt?: string }>; last_success_at: Date | null; last_error: string | null; paused_until: Date | null }>(
      sql`select status, checkpoints, last_success_at, last_error, paused_until from public.integration_connections where id = ${id}`,
    ),
  );
const invoiceCalls = () => fake.apiCalls(ledger.tenantId).filter((c) => c.path.includes("/Invoices"));

beforeAll(async () => {
  fake = await startXeroFake({ redirectUris: [TEST_REDIRECT_URI] });
  ledger = fake.addTenant("ORGANISATION", "Acme Ledger", { invoices: 450 });
  practice = fake.addTenant("PRACTICEMANAGER", null, { invoices: 150 });
  settings = fakeSyncSettings(fake);
  const world = await createOrgWithMembers(db.engine());
  orgId = world.org.id;
  const ids = await connectFakeTenants(db.engine(), orgId, fake, settings, [ledger.tenantId, practice.tenantId]);
  xeroConnection = ids[ledger.tenantId]!;
  xpmConnection = ids[practice.tenantId]!;
});
afterAll(() => fake.close());
beforeEach(() => forgetTokenSources());
afterEach(() => {
  fake.resetCalls();
  fake.resetLimits();
});

describe("Xero Accounting sync", () => {
  it("a first run reads everything; an incremental run fetches only what changed", async () => {
    const first = await requestRun(xeroConnection);
    expect((await drain()).succeeded).toBe(1);
    const done = await run(first.run_id);
    expect(done.status).toBe("succeeded");
    expect(done.progress.percent).toBe(100);
    const invoices = await count("xero_invoices");
    expect(invoices).toEqual({ n: ledger.accounting.Invoices.size, ids: ledger.accounting.Invoices.size });
    expect((await count("xero_contacts")).n).toBe(ledger.accounting.Contacts.size);
    expect(done.counts.Invoices!.fetched).toBe(ledger.accounting.Invoices.size);
    expect(done.pages).toBeGreaterThanOrEqual(Math.ceil(ledger.accounting.Invoices.size / 100));
    const conn = await connection(xeroConnection);
    expect(conn.last_success_at).not.toBeNull();
    expect(conn.checkpoints.Invoices!.since).toBeTruthy();
    expect(conn.checkpoints.Invoices!.page).toBeUndefined();
    // The dashboards' rollup follows the synced invoices.
    const rollup = await asService((tx) => tx.one<{ n: number }>(sql`select count(*)::int as n from public.finance_daily_totals where org_id = ${orgId}`));
    expect(rollup.n).toBeGreaterThan(0);

    // Two invoices change (one voided), one changes without Xero dating it.
    const [a, b, c] = [...ledger.accounting.Invoices.keys()];
    fake.advanceClock(5_000);
    fake.update(ledger.tenantId, "Invoices", a!, { Reference: "changed" });
    fake.update(ledger.tenantId, "Invoices", b!, { Status: "VOIDED" });
    fake.update(ledger.tenantId, "Invoices", c!, { Status: "VOIDED" }, { bumpUpdated: false });
    fake.resetCalls();
    const second = await requestRun(xeroConnection);
    await drain();
    const incremental = await run(second.run_id);
    expect(incremental.status).toBe("succeeded");
    // If-Modified-Since on every paged read, and only the changed rows (plus at most the checkpoint's own second) came back.
    expect(invoiceCalls().every((call) => call.ifModifiedSince !== null)).toBe(true);
    expect(incremental.counts.Invoices!.fetched).toBeGreaterThanOrEqual(2);
    expect(incremental.counts.Invoices!.fetched).toBeLessThanOrEqual(3);
    const statuses = await asService((tx) =>
      tx.query<{ external_id: string; status: string }>(sql`select external_id, status from public.xero_invoices where org_id = ${orgId} and external_id = any(${[b!, c!]}::text[])`),
    );
    expect(Object.fromEntries(statuses.map((s) => [s.external_id, s.status]))).toEqual({ [b!]: "VOIDED", [c!]: expect.not.stringMatching(/^VOIDED$/) });
    expect((await count("xero_invoices")).n).toBe(ledger.accounting.Invoices.size);

    // The periodic full resync picks up the undated change.
    const full = await requestRun(xeroConnection, "manual", ["Invoices"], true);
    await drain();
    expect((await run(full.run_id)).status).toBe("succeeded");
    const voided = await asService((tx) => tx.one<{ status: string }>(sql`select status from public.xero_invoices where org_id = ${orgId} and external_id = ${c!}`));
    expect(voided.status).toBe("VOIDED");
  });

  it("a second trigger while a run is active returns that run and enqueues nothing", async () => {
    const first = await requestRun(xeroConnection);
    const second = await requestRun(xeroConnection, "webhook", ["Invoices"]);
    expect(second).toEqual({ run_id: first.run_id, job_id: first.job_id, created: false });
    await drain();
    expect((await run(first.run_id)).status).toBe("succeeded");
  });

  it("a targeted run reads only the entities it names", async () => {
    const targeted = await requestRun(xeroConnection, "webhook", ["Invoices"]);
    await drain();
    expect(Object.keys((await run(targeted.run_id)).counts)).toEqual(["Invoices"]);
    expect(fake.apiCalls(ledger.tenantId).every((call) => call.path.includes("/Invoices"))).toBe(true);
  });

  it("a run that dies mid-way resumes from its last stored page without duplicating rows", async () => {
    await asService((tx) => tx.query(sql`delete from public.xero_invoices where org_id = ${orgId}`));
    const started = await requestRun(xeroConnection, "manual", ["Invoices"], true);
    // Page 3 fails on every attempt the HTTP client makes: the job attempt ends, the run waits to retry.
    let failing = true;
    const flaky: typeof fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (failing && url.includes("/Invoices") && new URL(url).searchParams.get("page") === "3") return Promise.reject(new TypeError("socket hang up"));
      return fetch(input, init);
    };
    await drain({ fetch: flaky });
    const interrupted = await run(started.run_id);
    expect(interrupted.status).toBe("queued");
    expect(interrupted.error).toMatch(/could not be reached|Retrying/);
    expect((await connection(xeroConnection)).checkpoints.Invoices!.page).toBe(3);
    expect((await count("xero_invoices")).n).toBe(200);

    failing = false;
    fake.resetCalls();
    await drain({ fetch: flaky });
    expect((await run(started.run_id)).status).toBe("succeeded");
    const pagesRead = invoiceCalls().map((call) => Number(new URL(call.path, "http://x").searchParams.get("page")));
    expect(Math.min(...pagesRead)).toBe(3);
    expect(await count("xero_invoices")).toEqual({ n: ledger.accounting.Invoices.size, ids: ledger.accounting.Invoices.size });
  });

  /** A fetch that hangs on the Invoices page 3 until released, as a worker whose machine died does. */
  function hangingAtInvoicesPage3() {
    let release!: () => void;
    const hung = new Promise<void>((r) => (release = r));
    let reachedPage3!: () => void;
    const atPage3 = new Promise<void>((r) => (reachedPage3 = r));
    const hanging: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes("/Invoices") && new URL(url).searchParams.get("page") === "3") {
        reachedPage3();
        await hung;
      }
      return fetch(input, init);
    };
    return { hanging, atPage3, release };
  }

  /** Pages are read ahead, so page 3 is asked for while page 1 is stored: wait until 1 and 2 are in. */
  async function untilStuckOnPage3() {
    for (let i = 0; (await connection(xeroConnection)).checkpoints.Invoices?.page !== 3; i++) {
      if (i > 200) throw new Error("the hung worker never stored pages 1 and 2");
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it("a worker that hangs mid-run loses its lease; another worker resumes the run and the stale one writes nothing", async () => {
    await asService((tx) => tx.query(sql`delete from public.xero_invoices where org_id = ${orgId}`));
    const started = await requestRun(xeroConnection, "manual", ["Invoices"], true);
    const { hanging, atPage3, release } = hangingAtInvoicesPage3();
    const registry = (deps: SyncRunDeps) => createJobRegistry([createSyncRunKind({ settings, limiter: new RateLimiter(), ...deps })]);
    const jdb = jobDatabase(db.engine());
    const [job] = await jdb.transaction((tx) => claimJobs(tx, { workerId: "doomed", kinds: ["sync.run"], leaseSeconds: 30 }));
    const doomed = runClaimedJob(jdb, registry({ fetch: hanging }), job!, { leaseSeconds: 30 });
    await atPage3;
    await untilStuckOnPage3();
    // The doomed worker stops heartbeating (as if its machine died): its lease runs out.
    await asService((tx) => tx.query(sql`update public.jobs set locked_until = now() - interval '1 second', locked_by = 'gone' where id = ${job!.id}`));
    fake.resetCalls();
    await drainJobs({ db: jdb, registry: registry({}), kinds: ["sync.run"], workerId: "rescuer", leaseSeconds: 30, deadline: Date.now() + 60_000 });
    expect((await run(started.run_id)).status).toBe("succeeded");
    const pagesRead = invoiceCalls().map((call) => Number(new URL(call.path, "http://x").searchParams.get("page")));
    expect(Math.min(...pagesRead)).toBe(3);
    release();
    expect(await doomed).toBe("lost");
    expect(await count("xero_invoices")).toEqual({ n: ledger.accounting.Invoices.size, ids: ledger.accounting.Invoices.size });
    expect((await run(started.run_id)).status).toBe("succeeded");
  });

  it("a scheduled run cut off mid-way (its worker gone) is resumed by its job's retry, not left running", async () => {
    await asService((tx) => tx.query(sql`delete from public.xero_invoices where org_id = ${orgId}`));
    // No Invoices checkpoint: the scheduled run reads every invoice, page by page.
    await asService((tx) => tx.query(sql`update public.integration_connections set checkpoints = checkpoints - 'Invoices' where id = ${xeroConnection}`));
    await asService((tx) => enqueueJob(tx, { orgId, kind: "sync.run", payload: { connectionId: xeroConnection, trigger: "schedule" } }));
    const { hanging, atPage3, release } = hangingAtInvoicesPage3();
    const registry = (deps: SyncRunDeps) => createJobRegistry([createSyncRunKind({ settings, limiter: new RateLimiter(), ...deps })]);
    const jdb = jobDatabase(db.engine());
    const [job] = await jdb.transaction((tx) => claimJobs(tx, { workerId: "killed", kinds: ["sync.run"], leaseSeconds: 30 }));
    const killed = runClaimedJob(jdb, registry({ fetch: hanging }), job!, { leaseSeconds: 30 });
    await atPage3;
    await untilStuckOnPage3();
    const scheduledRuns = () =>
      asService((tx) => tx.query<{ id: string; status: string }>(sql`select id, status from public.sync_runs where job_id = ${job!.id} or (connection_id = ${xeroConnection} and status in ('queued', 'running'))`));
    const [cut] = await scheduledRuns();
    expect(cut).toMatchObject({ status: "running" });
    // As after kill -9: no heartbeat, the lease runs out, the job is claimed again by a new worker.
    await asService((tx) => tx.query(sql`update public.jobs set locked_until = now() - interval '1 second', locked_by = 'gone' where id = ${job!.id}`));
    fake.resetCalls();
    await drainJobs({ db: jdb, registry: registry({}), kinds: ["sync.run"], workerId: "restarted", leaseSeconds: 30, deadline: Date.now() + 60_000 });
    // The retry resumed the run it had created (from its last stored page) instead of finding it
    // "already active" and ending with nothing done, which left it running for ever.
    expect(await scheduledRuns()).toEqual([{ id: cut!.id, status: "succeeded" }]);
    const pagesRead = invoiceCalls().map((call) => Number(new URL(call.path, "http://x").searchParams.get("page")));
    expect(Math.min(...pagesRead)).toBe(3);
    release();
    expect(await killed).toBe("lost");
    // What an uninterrupted run stores: every invoice once, with the fake's figures.
    expect(await count("xero_invoices")).toEqual({ n: ledger.accounting.Invoices.size, ids: ledger.accounting.Invoices.size });
    const stored = await asService((tx) => tx.query<{ external_id: string; total: number }>(sql`select external_id, total from public.xero_invoices where org_id = ${orgId}`));
    const fromFake = [...ledger.accounting.Invoices.values()].map((r) => [String(r.json.InvoiceID), Number(r.json.Total)]);
    expect(stored.map((r) => [r.external_id, Number(r.total)]).sort()).toEqual(fromFake.sort());
  });

  it("obeys a storm of 429s without one call over the limit (counted by the fake)", async () => {
    const limited = fakeSyncSettings(fake, { limits: { perMinute: 8, perDay: 5000, concurrent: 2, appPerMinute: 10_000, minuteMs: 400, dayMs: 86_400_000 } });
    fake.failNext({ kind: "minute", tenantId: ledger.tenantId, retryAfter: 1 }, 3);
    const started = await requestRun(xeroConnection, "manual", null, true);
    const registry = createJobRegistry([createSyncRunKind({ settings: limited, limiter: new RateLimiter(limited.limits, undefined) })]);
    await drainJobs({ db: jobDatabase(db.engine()), registry, kinds: ["sync.run"], workerId: "t", leaseSeconds: 60, deadline: Date.now() + 60_000 });
    expect((await run(started.run_id)).status).toBe("succeeded");
    expect(fake.apiCalls(ledger.tenantId).filter((c) => c.status === 429).length).toBe(3);
    expect(fake.overLimitCount()).toBe(0);
  });

  it("refreshes an expired access token once mid-run and stores the rotated refresh token", async () => {
    const key = await tokenKey(settings);
    const tokenSetId = (await asService((tx) => tx.one<{ token_set_id: string }>(sql`select token_set_id from public.integration_connections where id = ${xeroConnection}`))).token_set_id;
    const before = await asService((tx) => loadTokenSet(tx, key, tokenSetId));
    const refreshes = fake.stats.refreshes;
    fake.failNext({ kind: "token-expired", tenantId: ledger.tenantId, path: "/Contacts" }, 1);
    const started = await requestRun(xeroConnection, "manual", null, true);
    await drain();
    expect((await run(started.run_id)).status).toBe("succeeded");
    expect(fake.stats.refreshes - refreshes).toBe(1);
    const after = await asService((tx) => loadTokenSet(tx, key, tokenSetId));
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).not.toBe(before.accessToken);
  });

  it("a malformed page fails the attempt, writes nothing of it, and the retry completes the run", async () => {
    fake.failNext({ kind: "malformed", tenantId: ledger.tenantId, path: "/Payments" }, 1);
    const started = await requestRun(xeroConnection, "manual", ["Payments"], true);
    await drain();
    const failed = await run(started.run_id);
    expect(failed.status).toBe("queued");
    expect(failed.error).toMatch(/payments/i);
    await drain();
    expect((await run(started.run_id)).status).toBe("succeeded");
    const payments = await count("xero_payments");
    expect(payments.n).toBe(payments.ids);
  });

  it("a day-limit hit ends the run as partial, pauses the tenant and the schedule skips it", async () => {
    fake.failNext({ kind: "day", tenantId: ledger.tenantId, retryAfter: 3600 }, 1);
    const started = await requestRun(xeroConnection, "manual", null, true);
    await drain();
    const partial = await run(started.run_id);
    expect(partial.status).toBe("partial");
    expect(partial.retry_at).not.toBeNull();
    const conn = await connection(xeroConnection);
    expect(conn.paused_until).not.toBeNull();
    expect(conn.last_error).toMatch(/daily call limit/);
    const planned = await asService((tx) => syncIntegrationsSchedule.plan(tx));
    expect(planned.map((p) => (p.payload as { connectionId: string }).connectionId)).not.toContain(xeroConnection);
    await asService((tx) => tx.query(sql`update public.integration_connections set paused_until = null where id = ${xeroConnection}`));
  });

  it("a tenant that revoked access fails the run with its reason and asks for a reconnect", async () => {
    const other = await createOrgWithMembers(db.engine());
    const tenant = fake.addTenant("ORGANISATION", "Revoker Ltd", { invoices: 20 });
    const ids = await connectFakeTenants(db.engine(), other.org.id, fake, settings, [tenant.tenantId]);
    fake.revokeTenant(tenant.tenantId);
    const started = await requestRun(ids[tenant.tenantId]!);
    await drain();
    const failed = await run(started.run_id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/access|forbidden|revoked/i);
    expect((await connection(ids[tenant.tenantId]!)).status).toBe("reconnect_required");
    const written = await asService((tx) => tx.one<{ n: number }>(sql`select count(*)::int as n from public.xero_invoices where org_id = ${other.org.id}`));
    expect(written.n).toBe(0);
  });
});

describe("XPM sync", () => {
  it("reads clients, staff, jobs, time, invoices and every job's costs; a second run adds nothing", async () => {
    const first = await requestRun(xpmConnection);
    await drain();
    const done = await run(first.run_id);
    expect(done.status, done.error ?? "").toBe("succeeded");
    for (const table of ["xpm_clients", "xpm_staff", "xpm_jobs", "xpm_time_entries", "xpm_invoices", "xpm_costs"]) {
      const c = await count(table);
      expect(c.n, table).toBeGreaterThan(0);
      expect(c.n, table).toBe(c.ids);
    }
    expect((await count("xpm_clients")).n).toBe(practice.xpm.clients.length);
    expect((await count("xpm_costs")).n).toBe(practice.xpm.costs.length);
    const before = await Promise.all(["xpm_jobs", "xpm_time_entries", "xpm_costs"].map(count));
    const second = await requestRun(xpmConnection);
    await drain();
    expect((await run(second.run_id)).status).toBe("succeeded");
    expect(await Promise.all(["xpm_jobs", "xpm_time_entries", "xpm_costs"].map(count))).toEqual(before);
  });
});

describe("schedules and disconnection", () => {
  it("the schedule plans each connected connection once per slot; disconnecting stops it", async () => {
    const planned = await asService((tx) => syncIntegrationsSchedule.plan(tx));
    expect(planned.map((p) => (p.payload as { connectionId: string }).connectionId)).toEqual(expect.arrayContaining([xeroConnection, xpmConnection]));
    const registry = createJobRegistry([createSyncRunKind({ settings })], [syncIntegrationsSchedule]);
    const slot = new Date();
    const created = await enqueueScheduled(jobDatabase(db.engine()), registry, [syncIntegrationsSchedule], slot);
    expect(created).toBeGreaterThanOrEqual(2);
    expect(await enqueueScheduled(jobDatabase(db.engine()), registry, [syncIntegrationsSchedule], slot)).toBe(0);
    await drain();
    const scheduled = await asService((tx) =>
      tx.query<{ status: string }>(sql`select status from public.sync_runs where connection_id = ${xpmConnection} and trigger = 'schedule'`),
    );
    expect(scheduled.map((r) => r.status)).toEqual(["succeeded"]);

    await asService((tx) => tx.query(sql`select * from app_private.disconnect_integration(${xpmConnection})`));
    const after = await asService((tx) => syncIntegrationsSchedule.plan(tx));
    expect(after.map((p) => (p.payload as { connectionId: string }).connectionId)).not.toContain(xpmConnection);
  });
});
