import { describe, expect, it } from "vitest";
import { sql } from "@/server/db";
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD } from "@/server/demo/demo-organizations";
import { DEMO_DATA_KIND } from "@/server/demo/demo-data-job";
import { demoDataPreparing } from "@/server/demo/demo-data-preparing";
import { generateDemoFinanceData } from "@/server/demo/demo-org-data";
import { seedDemoInBackground } from "@/server/demo/seed-demo-in-background";
import { appJobRegistry } from "@/server/jobs/app-job-registry";
import { jobDatabase } from "@/server/jobs/job-database";
import { drainJobs } from "@edge-shared/jobs/worker.ts";
import { POST as login } from "@/app/api/auth/login/route";
import { TestClient } from "../helpers/http-client";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();

const countsOf = (orgId: string) =>
  db.asService((tx) =>
    tx.one<{ invoices: number; payments: number; time: number; totals: number; pos: number }>(sql`
      select (select count(*) from public.xero_invoices where org_id = ${orgId})::int as invoices,
             (select count(*) from public.xero_payments where org_id = ${orgId})::int as payments,
             (select count(*) from public.xpm_time_entries where org_id = ${orgId})::int as time,
             (select count(*) from public.finance_daily_totals where org_id = ${orgId})::int as totals,
             (select count(*) from public.purchase_orders where org_id = ${orgId})::int as pos`),
  );

const demoJobs = () =>
  db.asService((tx) => tx.query<{ org_id: string; status: string }>(sql`select org_id, status from public.jobs where kind = ${DEMO_DATA_KIND} order by created_at`));

describe("the embedded demo's start-up seed", () => {
  it("signs in at once, says the data is being prepared, and the job then fills in exactly the generated data", async () => {
    await seedDemoInBackground(db.engine());
    const acme = await db.asService((tx) => tx.one<{ id: string }>(sql`select id from public.organizations where slug = 'acme'`));

    // The README login works before any bulk data exists.
    const client = new TestClient();
    const signedIn = await client.call(login, "/api/auth/login", { body: { email: "finance@acme.test", password: DEMO_PASSWORD } });
    expect(signedIn.status).toBe(200);
    expect((await countsOf(acme.id)).invoices).toBe(0);
    expect(await db.asService((tx) => demoDataPreparing(tx, acme.id))).toBe(true);
    expect((await demoJobs()).map((j) => j.status)).toEqual(["queued", "queued"]);

    // A restart while it is queued adds no second job.
    await seedDemoInBackground(db.engine());
    expect(await demoJobs()).toHaveLength(2);

    const outcome = await drainJobs({ db: jobDatabase(db.engine()), registry: appJobRegistry, kinds: [DEMO_DATA_KIND], workerId: "demo", leaseSeconds: 60, deadline: Date.now() + 240_000 });
    expect(outcome.succeeded).toBe(2);
    expect(await db.asService((tx) => demoDataPreparing(tx))).toBe(false);

    const expected = generateDemoFinanceData(DEMO_ORGANIZATIONS.find((o) => o.slug === "acme")!);
    const counts = await countsOf(acme.id);
    expect(counts.invoices).toBe(expected.invoices.externalId.length);
    expect(counts.payments).toBe(expected.payments.externalId.length);
    expect(counts.time).toBe(expected.timeEntries.externalId.length);
    expect(counts.totals).toBeGreaterThan(0);
    expect(counts.pos).toBeGreaterThan(0);
    // Same rows as generated, not just as many: the invoice totals agree to the cent.
    const total = await db.asService((tx) => tx.one<{ sum: number }>(sql`select sum(total)::float8 as sum from public.xero_invoices where org_id = ${acme.id}`));
    expect(Math.round(total.sum * 100)).toBe(Math.round(expected.invoices.total.reduce((a, b) => a + b, 0) * 100));
  }, 300_000);

  it("a job for an organization that already has its data leaves that data alone", async () => {
    const acme = await db.asService((tx) => tx.one<{ id: string }>(sql`select id from public.organizations where slug = 'acme'`));
    // What a sync might have changed since.
    const changed = await db.asService((tx) =>
      tx.one<{ external_id: string }>(sql`update public.xero_invoices set status = 'VOIDED'
        where org_id = ${acme.id} and external_id = (select min(external_id) from public.xero_invoices where org_id = ${acme.id}) returning external_id`),
    );
    await db.asService((tx) => tx.query(sql`delete from public.jobs where kind = ${DEMO_DATA_KIND}`));
    await seedDemoInBackground(db.engine());
    const outcome = await drainJobs({ db: jobDatabase(db.engine()), registry: appJobRegistry, kinds: [DEMO_DATA_KIND], workerId: "demo", leaseSeconds: 60, deadline: Date.now() + 120_000 });
    expect(outcome.succeeded).toBe(2);
    const row = await db.asService((tx) => tx.maybeOne<{ status: string }>(sql`select status from public.xero_invoices where org_id = ${acme.id} and external_id = ${changed.external_id}`));
    expect(row?.status).toBe("VOIDED");
  }, 200_000);
});
