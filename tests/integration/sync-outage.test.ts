/**
 * Xero down for a minute (every call answering 500): the sync neither loses nor doubles anything.
 * (A minute of 429s is the rate limiter's business: sync-run.test.ts obeys a storm of them; each
 * call also gives up after 60 s without an answer, as a network failure.) The run retries with the queue's backoff; if the outage
 * outlasts its attempts it ends failed with the reason and the next scheduled run, once Xero is
 * back, brings every row. Time between job attempts is skipped and counted (a virtual minute).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "@/server/db/sql";
import { asServiceOn } from "@/server/db/transactions";
import { jobDatabase } from "@/server/jobs/job-database";
import { createSyncRunKind } from "@edge-shared/jobs/kinds/sync-run.ts";
import { createJobRegistry } from "@edge-shared/jobs/create-job-registry.ts";
import { drainJobs } from "@edge-shared/jobs/worker.ts";
import { RateLimiter } from "@edge-shared/sync/rate-limiter.ts";
import { forgetTokenSources } from "@edge-shared/sync/token-store.ts";
import type { SyncSettings } from "@edge-shared/sync/sync-settings.ts";
import { startXeroFake, type XeroFake } from "@/server/demo/xero-fake/xero-fake";
import type { FakeTenant } from "@/server/demo/xero-fake/xero-fake-data";
import { connectFakeTenants } from "@/server/demo/xero-fake/connect-fake-tenants";
import { fakeSyncSettings, FAKE_REDIRECT_URI } from "@/server/demo/xero-fake/fake-sync-settings";
import { createOrgWithMembers } from "../helpers/fixtures";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();
let fake: XeroFake;
let ledger: FakeTenant;
let settings: SyncSettings;
let orgId: string;
let connectionId: string;

const asService = <T>(fn: Parameters<typeof asServiceOn<T>>[1]) => asServiceOn(db.engine(), fn);

beforeAll(async () => {
  fake = await startXeroFake({ redirectUris: [FAKE_REDIRECT_URI] });
  ledger = fake.addTenant("ORGANISATION", "Outage Ledger", { invoices: 250 });
  settings = fakeSyncSettings(fake);
  orgId = (await createOrgWithMembers(db.engine())).org.id;
  connectionId = (await connectFakeTenants(db.engine(), orgId, fake, settings, [ledger.tenantId]))[ledger.tenantId]!;
});
afterAll(() => fake.close());

/** Xero as seen through an outage: while `down()`, every API call gets the outage's answer. */
function throughOutage(answer: () => Response, down: () => boolean): typeof fetch {
  return (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (down() && url.startsWith(fake.url) && url.includes("/api.xro/")) return Promise.resolve(answer());
    return fetch(input, init);
  };
}

const requestFullRun = () =>
  asService((tx) => tx.one<{ run_id: string }>(sql`select * from app_private.request_sync_run(${connectionId}, 'manual', array['Contacts', 'Invoices']::text[], true)`));

const runStatus = (id: string) => asService((tx) => tx.one<{ status: string; error: string | null }>(sql`select status, error from public.sync_runs where id = ${id}`));

/** Seconds until a queued sync job may run again (null when none is queued). */
const secondsUntilDue = async () => {
  const [row] = await asService((tx) => tx.query<{ wait: number }>(sql`select extract(epoch from min(run_after) - now())::float as wait from public.jobs where kind = 'sync.run' and status = 'queued' having count(*) > 0`));
  return row ? Number(row.wait) : null;
};

const counts = () =>
  asService((tx) =>
    tx.one<{ invoices: number; distinct_invoices: number; contacts: number }>(sql`
      select (select count(*)::int from public.xero_invoices where org_id = ${orgId}) as invoices,
             (select count(distinct external_id)::int from public.xero_invoices where org_id = ${orgId}) as distinct_invoices,
             (select count(*)::int from public.xero_contacts where org_id = ${orgId}) as contacts`),
  );

describe("a minute-long Xero outage", () => {
  it.each([
    ["answering 500", () => new Response(JSON.stringify({ ErrorNumber: 500, Type: "InternalError", Message: "An error occurred" }), { status: 500, headers: { "content-type": "application/json" } })],
  ] as const)("Xero %s: nothing is lost or doubled; every row arrives once Xero is back", async (_, answer) => {
    forgetTokenSources();
    await asService(async (tx) => {
      await tx.query(sql`delete from public.xero_invoices where org_id = ${orgId}`);
      await tx.query(sql`delete from public.xero_contacts where org_id = ${orgId}`);
    });
    let elapsedMs = 0;
    const down = () => elapsedMs < 60_000;
    const registry = createJobRegistry([createSyncRunKind({ settings, limiter: new RateLimiter({ ...settings.limits }), fetch: throughOutage(answer, down) })]);
    const drain = () => drainJobs({ db: jobDatabase(db.engine()), registry, kinds: ["sync.run"], workerId: "outage", leaseSeconds: 30, deadline: Date.now() + 60_000 });
    let run = await requestFullRun();
    for (let i = 0; i < 20; i++) {
      await drain();
      const wait = await secondsUntilDue();
      if (wait === null) {
        const { status } = await runStatus(run.run_id);
        if (status === "succeeded") break;
        // The outage outlasted the run's attempts: it ended with the reason; the schedule's next
        // slot (15 minutes on) asks again.
        expect(status).toBe("failed");
        expect((await runStatus(run.run_id)).error).toMatch(/Xero/);
        elapsedMs += 15 * 60_000;
        run = await requestFullRun();
        continue;
      }
      elapsedMs += Math.max(0, wait) * 1000;
      await asService((tx) => tx.query(sql`update public.jobs set run_after = now() where kind = 'sync.run' and status = 'queued'`));
    }
    expect(elapsedMs).toBeGreaterThanOrEqual(60_000);
    expect((await runStatus(run.run_id)).status).toBe("succeeded");
    const after = await counts();
    expect(after.invoices).toBe(ledger.accounting.Invoices.size);
    expect(after.distinct_invoices).toBe(after.invoices);
    expect(after.contacts).toBe(ledger.accounting.Contacts.size);
  });
});
