import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reloadConfig, syncConfig } from "@/server/config";
import { sql } from "@/server/db";
import { startDemoXero, XERO_ENTITIES, XPM_ENTITIES, type DemoXero } from "@/server/demo/demo-xero";
import { demoXeroConnectedBefore } from "@/server/demo/demo-xero-connected-before";
import { seedDemo } from "@/server/demo/seed-demo";
import { jobDatabase } from "@/server/jobs/job-database";
import { createSyncRunKind } from "@edge-shared/jobs/kinds/sync-run.ts";
import { createJobRegistry } from "@edge-shared/jobs/create-job-registry.ts";
import { drainJobs } from "@edge-shared/jobs/worker.ts";
import { loadTokenSet, tokenKey } from "@edge-shared/sync/token-store.ts";
import { listConnections } from "@edge-shared/sync/xero-oauth.ts";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as connectRoute } from "@/app/api/integrations/xero/connect/route";
import { GET as callbackRoute } from "@/app/api/integrations/xero/callback/route";
import { DEMO_PASSWORD } from "@/server/demo/demo-organizations";
import { ORIGIN, TestClient } from "../helpers/http-client";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();
const ENV_KEYS = ["XERO_CLIENT_ID", "XERO_CLIENT_SECRET", "XERO_REDIRECT_URI", "XERO_LOGIN_URL", "XERO_IDENTITY_URL", "XERO_API_URL", "XPM_BASE_URL", "INTEGRATIONS_ENCRYPTION_KEY"];
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

interface ConnectionState {
  id: string;
  provider: "xero" | "xpm";
  tenant_id: string;
  tenant_name: string;
  status: string;
  token_set_id: string;
  checkpoints: Record<string, Record<string, unknown>>;
  last_success_at: Date | null;
}

const service = db.asService;
const connectionsOf = (slug: string) =>
  service((tx) =>
    tx.query<ConnectionState>(sql`
      select c.id, c.provider, c.tenant_id, c.tenant_name, c.status, c.token_set_id, c.checkpoints, c.last_success_at
      from public.integration_connections c join public.organizations o on o.id = c.org_id
      where o.slug = ${slug} order by c.provider`),
  );

/** The stored token set decrypts, and the fake (this start's) accepts its access token for both tenants. */
async function tokensWork(demo: DemoXero, tokenSetId: string) {
  const settings = syncConfig();
  const tokens = await service(async (tx) => loadTokenSet(tx, await tokenKey(settings), tokenSetId));
  const tenants = await listConnections(settings.oauth, tokens.accessToken);
  expect(tenants.map((t) => t.tenantId).sort()).toEqual([demo.organisation.tenantId, demo.practice.tenantId].sort());
  return tokens;
}

let first: DemoXero | undefined;
let second: DemoXero | undefined;
let third: DemoXero | undefined;

beforeAll(async () => {
  await seedDemo(db.engine());
}, 120_000);

afterAll(async () => {
  await first?.close();
  await second?.close();
  await third?.close();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  reloadConfig();
});

describe("the demo's built-in Demo Xero/XPM", () => {
  it("connects Acme to both fake tenants with a real code exchange and pre-seeded checkpoints", async () => {
    // The server's start-up asks this to know whether sync runs must wait for the Demo Xero.
    expect(await demoXeroConnectedBefore(db.engine())).toBe(false);
    first = (await startDemoXero(db.engine()))!;
    expect(await demoXeroConnectedBefore(db.engine())).toBe(true);
    expect([first.firstConnect, first.connected]).toEqual([true, true]);
    expect(first.activity.invoices).toBeGreaterThanOrEqual(8);
    expect(first.activity.timeEntries).toBeGreaterThanOrEqual(3);

    const acme = await connectionsOf("acme");
    expect(acme.map((c) => [c.provider, c.tenant_name, c.status])).toEqual([
      ["xero", "Demo Xero", "connected"],
      ["xpm", "Demo XPM", "connected"],
    ]);
    expect(acme[0]!.token_set_id).toBe(acme[1]!.token_set_id);
    await tokensWork(first, acme[0]!.token_set_id);

    // The seeded rows count as read by a full sync just now.
    const [xero, xpm] = acme;
    for (const entity of XERO_ENTITIES) expect(xero!.checkpoints[entity]).toMatchObject({ since: first.seededMaxUpdated, lastFullAt: expect.any(String) });
    for (const entity of XPM_ENTITIES) expect(xpm!.checkpoints[entity]).toMatchObject({ since: first.seededMaxUpdated, lastFullAt: expect.any(String) });
    expect(xero!.checkpoints.demo).toEqual(first.seed);
    expect(xero!.last_success_at).not.toBeNull();
    expect(first.seededMaxUpdated < new Date().toISOString()).toBe(true);

    // The app's settings now point at the fake.
    expect(syncConfig().oauthConfigured).toBe(true);
    expect(syncConfig().accountingUrl).toBe(first.fake.accountingUrl);

    expect(await connectionsOf("globex")).toEqual([]);
  });

  it("serves exactly the invoices the database seed gave Acme, plus the newer activity", async () => {
    const rows = await service((tx) =>
      tx.query<{ external_id: string; total: number; status: string }>(sql`
        select i.external_id, i.total, i.status from public.xero_invoices i join public.organizations o on o.id = i.org_id where o.slug = 'acme'`),
    );
    const inDb = new Map(rows.map((r) => [r.external_id, r]));
    const fakeInvoices = [...first!.organisation.accounting.Invoices.values()].map((r) => r.json);
    const seeded = fakeInvoices.filter((i) => inDb.has(String(i.InvoiceID)));
    expect(seeded.length).toBe(rows.length);
    for (const invoice of seeded) {
      const row = inDb.get(String(invoice.InvoiceID))!;
      expect([invoice.Total, invoice.Status]).toEqual([row.total, row.status]);
    }
    // Only the newer activity is new to the database.
    expect(fakeInvoices.length - seeded.length).toBe(first!.activity.invoices);
  });

  it("a first sync after connecting reads only the newer activity", async () => {
    const [xero, xpm] = await connectionsOf("acme");
    const count = (table: "xero_invoices" | "xpm_time_entries") =>
      service((tx) => tx.one<{ n: number }>(sql([`select count(*)::int as n from public.${table} where org_id = `, ""], first!.orgId))).then((r) => r.n);
    const invoicesBefore = await count("xero_invoices");
    const timeBefore = await count("xpm_time_entries");
    first!.fake.resetCalls();
    for (const c of [xero!, xpm!]) await service((tx) => tx.query(sql`select * from app_private.request_sync_run(${c.id}, 'manual')`));
    const registry = createJobRegistry([createSyncRunKind()]);
    const outcome = await drainJobs({ db: jobDatabase(db.engine()), registry, kinds: registry.kindsFor("all"), workerId: "demo-test", leaseSeconds: 30, deadline: Date.now() + 25_000 });
    expect(outcome.succeeded).toBe(2);
    expect(await count("xero_invoices")).toBe(invoicesBefore + first!.activity.invoices);
    expect(await count("xpm_time_entries")).toBe(timeBefore + first!.activity.timeEntries);
    // Accounts, Contacts, Invoices and Payments: one page each, far inside the 60-a-minute limit.
    expect(first!.fake.apiCalls(first!.organisation.tenantId).length).toBeLessThanOrEqual(6);
    expect(first!.fake.overLimitCount()).toBe(0);
    const runs = await service((tx) => tx.query<{ status: string }>(sql`select status from public.sync_runs where org_id = ${first!.orgId}`));
    expect(runs.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
  });

  it("a restart (a new fake) keeps the connections and their checkpoints and stores new tokens", async () => {
    const before = await connectionsOf("acme");
    await first!.close();
    second = (await startDemoXero(db.engine()))!;
    expect([second.firstConnect, second.connected]).toEqual([false, true]);
    expect(second.fake.url).not.toBe(first!.fake.url);
    expect(second.seed).toEqual(first!.seed);
    expect(second.seededMaxUpdated).toBe(first!.seededMaxUpdated);
    // The same tenants (ids fixed per organization), with the same data and the same newer activity.
    expect(second.organisation.tenantId).toBe(first!.organisation.tenantId);
    expect([...second.organisation.accounting.Invoices.keys()].sort()).toEqual([...first!.organisation.accounting.Invoices.keys()].sort());
    // Record for record: a sync cut off by a restart and resumed against the new fake reads what an
    // uninterrupted one would (only "updated" stamps of today's activity move with the clock).
    for (const entity of ["Accounts", "Contacts", "Invoices", "Payments"] as const) {
      const json = (demo: DemoXero) => [...demo.organisation.accounting[entity].entries()].map(([id, r]) => [id, r.json]);
      expect(json(second), entity).toEqual(json(first!));
    }
    for (const list of ["clients", "staff", "jobs", "time", "costs", "invoices"] as const) expect(second.practice.xpm[list], list).toEqual(first!.practice.xpm[list]);

    const after = await connectionsOf("acme");
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));
    expect(after.map((c) => c.checkpoints)).toEqual(before.map((c) => c.checkpoints));
    expect(after[0]!.token_set_id).not.toBe(before[0]!.token_set_id);
    expect(after.every((c) => c.status === "connected")).toBe(true);
    await tokensWork(second, after[0]!.token_set_id);
    const tokenSets = await service((tx) => tx.one<{ n: number }>(sql`select count(*)::int as n from public.integration_token_sets where org_id = ${second!.orgId}`));
    expect(tokenSets.n).toBe(1);
    expect(await connectionsOf("globex")).toEqual([]);
  });

  it("offers one Xero organisation and one XPM practice per demo organization, each with that organization's data and currency", async () => {
    const demo = second!;
    expect(demo.tenants.map((t) => [t.slug, t.organisation.tenantName, t.organisation.baseCurrency, t.practice.tenantName])).toEqual([
      ["acme", "Demo Xero", "NZD", "Demo XPM"],
      ["globex", "Globex Demo Xero", "AUD", "Globex Demo XPM"],
    ]);
    const globex = demo.tenants[1]!;
    const rows = await service((tx) =>
      tx.query<{ external_id: string; total: number; currency_code: string }>(sql`
        select external_id, total, currency_code from public.xero_invoices where org_id = ${globex.orgId}`),
    );
    const inDb = new Map(rows.map((r) => [r.external_id, r]));
    const fakeInvoices = [...globex.organisation.accounting.Invoices.values()].map((r) => r.json);
    const seeded = fakeInvoices.filter((i) => inDb.has(String(i.InvoiceID)));
    expect(seeded.length).toBe(rows.length);
    for (const invoice of seeded) expect([invoice.Total, invoice.CurrencyCode]).toEqual([inDb.get(String(invoice.InvoiceID))!.total, "AUD"]);
    // Nothing of Acme's books is in Globex's organisation.
    const acmeIds = new Set(demo.organisation.accounting.Invoices.keys());
    expect([...globex.organisation.accounting.Invoices.keys()].filter((id) => acmeIds.has(id))).toEqual([]);
  });

  it("Globex's admin connects through the consent screen: its own organisation connects in A$, Acme's asks for a currency decision", async () => {
    const demo = second!;
    const admin = new TestClient();
    expect((await admin.call(login, "/api/auth/login", { body: { email: "admin@globex.test", password: DEMO_PASSWORD } })).status).toBe(200);

    /** Connect → the Demo Xero consent screen → tick `tenantName` → Allow → the callback. */
    async function connectChoosing(tenantName: string) {
      const start = await admin.call(connectRoute, "/api/integrations/xero/connect", { query: { provider: "xero", org: "globex" } });
      expect(start.status).toBe(302);
      const page = await fetch(start.headers.get("location")!, { redirect: "manual" });
      expect(page.status).toBe(200);
      const html = await page.text();
      // Like Xero's, the screen lists every organisation this Xero user can reach, with its currency.
      expect(html).toContain("Demo Xero</strong><small>Organisation · books in NZD");
      expect(html).toContain("Globex Demo Xero</strong><small>Organisation · books in AUD");
      const form = new URLSearchParams();
      for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1]!, m[2]!.replaceAll("&amp;", "&"));
      const tenant = demo.tenants.find((t) => t.organisation.tenantName === tenantName)!.organisation.tenantId;
      form.append("tenant", tenant);
      form.set("action", "allow");
      const consent = await fetch(new URL("/identity/connect/authorize", demo.fake.url), { method: "POST", body: form, redirect: "manual" });
      expect(consent.status).toBe(302);
      const back = new URL(consent.headers.get("location")!);
      const done = await admin.call(callbackRoute, `/api/integrations/xero/callback?${back.searchParams}`);
      expect(done.status).toBe(302);
      return new URL(done.headers.get("location")!, ORIGIN);
    }

    const own = await connectChoosing("Globex Demo Xero");
    expect(Object.fromEntries(own.searchParams)).toEqual({ provider: "xero", connected: "1" });
    const other = await connectChoosing("Demo Xero");
    expect(Object.fromEntries(other.searchParams)).toEqual({ provider: "xero", connected: "0", pending: "1" });
    const rows = await service((tx) =>
      tx.query<{ tenant_name: string; status: string; base_currency: string }>(sql`
        select c.tenant_name, c.status, c.base_currency from public.integration_connections c join public.organizations o on o.id = c.org_id
        where o.slug = 'globex' order by c.tenant_name`),
    );
    expect(rows).toEqual([
      { tenant_name: "Demo Xero", status: "currency_mismatch", base_currency: "NZD" },
      { tenant_name: "Globex Demo Xero", status: "connected", base_currency: "AUD" },
    ]);

    // A sync of Globex's own organisation reads Globex's books, in A$, and adds no copies.
    const globex = demo.tenants[1]!;
    const before = await service((tx) => tx.one<{ n: number }>(sql`select count(*)::int as n from public.xero_invoices where org_id = ${globex.orgId}`));
    const conn = await service((tx) => tx.one<{ id: string }>(sql`
      select id from public.integration_connections where org_id = ${globex.orgId} and tenant_id = ${globex.organisation.tenantId}`));
    await service((tx) => tx.query(sql`select * from app_private.request_sync_run(${conn.id}, 'manual')`));
    const registry = createJobRegistry([createSyncRunKind()]);
    const outcome = await drainJobs({ db: jobDatabase(db.engine()), registry, kinds: registry.kindsFor("all"), workerId: "demo-test", leaseSeconds: 30, deadline: Date.now() + 60_000 });
    expect(outcome.succeeded).toBe(1);
    const after = await service((tx) =>
      tx.query<{ currency_code: string; n: number }>(sql`select currency_code, count(*)::int as n from public.xero_invoices where org_id = ${globex.orgId} group by 1`),
    );
    expect(after).toEqual([{ currency_code: "AUD", n: before.n + globex.activity.invoices }]);
    // Acme's invoices reached Globex through neither connection.
    const leaked = await service((tx) => tx.one<{ n: number }>(sql`
      select count(*)::int as n from public.xero_invoices g join public.xero_invoices a on a.external_id = g.external_id
      where g.org_id = ${globex.orgId} and a.org_id = ${demo.orgId}`));
    expect(leaked.n).toBe(0);
  }, 120_000);

  it("keeps an admin's disconnect over a restart, with Connect Xero pointing at the new fake", async () => {
    for (const c of await connectionsOf("acme")) await service((tx) => tx.query(sql`select * from app_private.disconnect_integration(${c.id})`));
    await second!.close();
    third = (await startDemoXero(db.engine()))!;
    expect(third.connected).toBe(false);
    expect((await connectionsOf("acme")).map((c) => c.status)).toEqual(["disconnected", "disconnected"]);
    expect(syncConfig().oauth.authorizeUrl).toBe(third.fake.authorizeUrl);
  });
});
