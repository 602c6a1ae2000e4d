/**
 * Each Edge Function entrypoint under real Deno (the `deno` npm package) against real PostgreSQL:
 * it answers 401 in the flat shape without a valid key, and with one it processes a job. One Deno
 * process per entrypoint per run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "@/server/db/sql";
import { asServiceOn } from "@/server/db/transactions";
import { enqueueJob } from "@/server/jobs/enqueue-job";
import { setupTestDatabase } from "../helpers/test-db";
import { addMember, createOrg, createUser } from "../helpers/fixtures";
import { insertPurchaseOrder } from "../helpers/alert-fixtures";
import { deliverAlertNotifications } from "@/server/alerts/deliver-alert-notifications";
import { requestAlertEvaluation } from "@edge-shared/alerts/request-alert-evaluation.ts";
import { withDatabase } from "../helpers/global-setup";
import { startXeroFake, type XeroFake } from "@/server/demo/xero-fake/xero-fake";
import type { FakeTenant } from "@/server/demo/xero-fake/xero-fake-data";
import { connectFakeTenants } from "@/server/demo/xero-fake/connect-fake-tenants";
import { fakeSyncSettings, FAKE_ENCRYPTION_KEY as TEST_ENCRYPTION_KEY, FAKE_REDIRECT_URI as TEST_REDIRECT_URI } from "@/server/demo/xero-fake/fake-sync-settings";
import { startResendFake, type ResendFake } from "../fakes/resend-fake";
import { POST as login } from "@/app/api/auth/login/route";
import { TEST_PASSWORD } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";
import { ImportSession } from "../helpers/imports";
import { manyPurchaseOrders, poWorkbook } from "../helpers/workbooks";

// Deno connects over TCP, which PGlite (in this process's memory) cannot serve: vitest.config.ts
// runs this file in the postgres project only, i.e. whenever TEST_DATABASE_URL is set — always in CI.
const FUNCTIONS = ["import-process", "sync-run", "alert-evaluate", "email-send"] as const;
const SECRET_KEY = "sb_secret_edge-functions-test-key";

const db = setupTestDatabase();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const pick = (env: NodeJS.ProcessEnv, keys: string[]) =>
  Object.fromEntries(keys.flatMap((k) => (env[k] === undefined ? [] : [[k, env[k]!]]))) as Record<string, string>;

interface Running {
  proc: ChildProcess;
  url: string;
  output: string[];
}

async function startFunction(name: string, databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const output: string[] = [];
  const proc = spawn(
    path.resolve("node_modules/.bin/deno"),
    ["run", "--no-prompt", "--config", "supabase/functions/deno.json", "--allow-net", "--allow-env", "--allow-read", "--allow-sys", `supabase/functions/${name}/index.ts`],
    {
      env: {
        ...pick(process.env, ["PATH", "HOME"]), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1", PORT: String(port),
        SUPABASE_DB_URL: databaseUrl, SUPABASE_SECRET_KEYS: JSON.stringify({ default: SECRET_KEY }), ...extraEnv,
      } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  proc.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
  proc.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const started = Date.now();
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`deno ${name} exited: ${output.join("")}`);
    try {
      await fetch(url, { method: "OPTIONS" });
      return { proc, url, output };
    } catch {
      if (Date.now() - started > 60_000) throw new Error(`deno ${name} did not start: ${output.join("")}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe("Edge Functions under Deno", () => {
  const running = new Map<string, Running>();
  let orgId: string;
  let fake: XeroFake;
  let resend: ResendFake;
  let ledger: FakeTenant;

  beforeAll(async () => {
    const { name } = await db.engine().transaction((tx) => tx.one<{ name: string }>(sql`select current_database() as name`));
    const databaseUrl = withDatabase(process.env.TEST_DATABASE_URL!, name);
    orgId = (await createOrg(db.engine())).id;
    // The sync-run function talks to the Xero fake, configured the way a deployment is: environment.
    fake = await startXeroFake({ redirectUris: [TEST_REDIRECT_URI] });
    ledger = fake.addTenant("ORGANISATION", "Deno Ledger", { invoices: 120 });
    const xeroEnv = {
      XERO_CLIENT_ID: fake.clientId, XERO_CLIENT_SECRET: fake.clientSecret, XERO_REDIRECT_URI: TEST_REDIRECT_URI,
      XERO_LOGIN_URL: fake.url, XERO_IDENTITY_URL: fake.url, XERO_API_URL: fake.apiUrl, XPM_BASE_URL: fake.xpmUrl,
      INTEGRATIONS_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, SYNC_PAGE_SIZE: "50",
    };
    // The email-send function delivers through the Resend SDK, pointed at the Resend fake.
    resend = await startResendFake();
    const emailEnv = { RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url, EMAIL_RETRY_BASE_MS: "5" };
    const envOf = (f: string) => (f === "sync-run" ? xeroEnv : f === "email-send" ? emailEnv : {});
    const started = await Promise.all(FUNCTIONS.map((f) => startFunction(f, databaseUrl, envOf(f))));
    FUNCTIONS.forEach((f, i) => running.set(f, started[i]!));
  }, 120_000);

  afterAll(async () => {
    for (const r of running.values()) r.proc.kill("SIGTERM");
    await fake?.close();
    await resend?.close();
  });

  it.each(FUNCTIONS)("%s answers 401 in the flat shape without a valid key", async (name) => {
    const { url } = running.get(name)!;
    for (const headers of [{}, { authorization: "Bearer sb_secret_not-the-right-key" }] as Record<string, string>[]) {
      const res = await fetch(url, { method: "POST", headers });
      expect(res.status).toBe(401);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toEqual({ error: expect.any(String), code: "UNAUTHORIZED", timestamp: expect.any(String), requestId: expect.any(String) });
      expect(res.headers.get("x-request-id")).toBe(body.requestId);
    }
  });

  it.each(FUNCTIONS)("%s processes a job under Deno", async (name) => {
    const { id } = await asServiceOn(db.engine(), (tx) => enqueueJob(tx, { orgId, kind: "system.noop", payload: { batches: 2 } }));
    const res = await fetch(running.get(name)!.url, {
      method: "POST",
      headers: { authorization: `Bearer ${SECRET_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ jobId: id }),
    });
    expect(res.status, running.get(name)!.output.join("")).toBe(200);
    expect(await res.json()).toMatchObject({ processed: { succeeded: 1, failed: 0 } });
    const job = await db.engine().transaction((tx) =>
      tx.one<{ status: string; attempts: number; progress: unknown; result: { ranOn: string } }>(
        sql`select status, attempts, progress, result from public.jobs where id = ${id}`,
      ),
    );
    expect(job).toMatchObject({ status: "succeeded", attempts: 1, progress: { done: 2, total: 2 }, result: { ranOn: expect.stringMatching(/^deno 2\./) } });
  });

  it("sync-run syncs a Xero tenant from the fake under Deno (OAuth tokens, paging, upserts, rollup)", async () => {
    const settings = fakeSyncSettings(fake);
    const ids = await connectFakeTenants(db.engine(), orgId, fake, settings, [ledger.tenantId]);
    const { run_id: runId, job_id: jobId } = await asServiceOn(db.engine(), (tx) =>
      tx.one<{ run_id: string; job_id: string }>(sql`select * from app_private.request_sync_run(${ids[ledger.tenantId]!}, 'manual')`),
    );
    const res = await fetch(running.get("sync-run")!.url, {
      method: "POST",
      headers: { authorization: `Bearer ${SECRET_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ jobId }),
    });
    expect(res.status, running.get("sync-run")!.output.join("")).toBe(200);
    const run = await db.engine().transaction((tx) =>
      tx.one<{ status: string; error: string | null; counts: Record<string, { fetched: number }> }>(sql`select status, error, counts from public.sync_runs where id = ${runId}`),
    );
    expect(run.status, run.error ?? running.get("sync-run")!.output.join("")).toBe("succeeded");
    expect(run.counts.Invoices!.fetched).toBe(ledger.accounting.Invoices.size);
    const stored = await db.engine().transaction((tx) =>
      tx.one<{ n: number; days: number }>(sql`select (select count(*)::int from public.xero_invoices where org_id = ${orgId}) as n,
                                                     (select count(*)::int from public.finance_daily_totals where org_id = ${orgId}) as days`),
    );
    expect(stored.n).toBe(ledger.accounting.Invoices.size);
    expect(stored.days).toBeGreaterThan(0);
  });

  it("email-send delivers a stored message through the Resend SDK under Deno", async () => {
    const key = `edge-test/${crypto.randomUUID()}`;
    const { messageId, jobId } = await asServiceOn(db.engine(), async (tx) => {
      const message = await tx.one<{ id: string }>(sql`
        insert into app_private.email_messages (idempotency_key, template, to_email, subject, html, text_body, transport, status)
        values (${key}, 'test', 'deno@example.test', 'From Deno', '<p>Hi</p>', 'Hi', 'resend', 'queued') returning id`);
      const job = await enqueueJob(tx, { orgId: null, kind: "email.send", payload: { messageId: message.id }, idempotencyKey: key });
      return { messageId: message.id, jobId: job.id };
    });
    resend.failNext(500, "internal_server_error");
    const res = await fetch(running.get("email-send")!.url, {
      method: "POST",
      headers: { authorization: `Bearer ${SECRET_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ jobId }),
    });
    expect(res.status, running.get("email-send")!.output.join("")).toBe(200);
    const row = await db.engine().transaction((tx) =>
      tx.one<{ status: string; attempts: number; provider_id: string | null }>(sql`select status, attempts, provider_id from app_private.email_messages where id = ${messageId}`),
    );
    expect(row, running.get("email-send")!.output.join("")).toMatchObject({ status: "sent", attempts: 2 });
    expect(resend.sent).toEqual([expect.objectContaining({ id: row.provider_id, subject: "From Deno", idempotencyKey: key })]);
  });

  it("import-process applies a confirmed import under Deno (batches, checkpoint, counts)", async () => {
    const finance = await createUser(db.engine());
    await addMember(db.engine(), orgId, finance.id, "finance");
    const client = new TestClient();
    expect((await client.call(login, "/api/auth/login", { body: { email: finance.email, password: TEST_PASSWORD } })).status).toBe(200);
    const { slug } = await db.engine().transaction((tx) => tx.one<{ slug: string }>(sql`select slug from public.organizations where id = ${orgId}`));
    const session = new ImportSession(client, slug, db.engine());
    // Validation is Node's (the app's worker); applying is the import-process function's.
    const ready = await session.validated(await poWorkbook(manyPurchaseOrders(6_000)));
    const { jobId } = (await session.confirm(ready.id)).json;
    const res = await fetch(running.get("import-process")!.url, {
      method: "POST",
      headers: { authorization: `Bearer ${SECRET_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ jobId }),
    });
    expect(res.status, running.get("import-process")!.output.join("")).toBe(200);
    expect(await res.json()).toMatchObject({ processed: { succeeded: 1, failed: 0 } });
    const done = (await session.get(ready.id)).json;
    expect(done).toMatchObject({ status: "succeeded", counts: { created: 6_000 }, progress: { done: 6_000, percent: 100 } });
    const stored = await db.engine().transaction((tx) =>
      tx.one<{ n: number; touched: string }>(sql`
        select (select count(*)::int from public.purchase_orders where org_id = ${orgId} and import_id = ${ready.id}) as n,
               (select result ->> 'touchedPurchaseOrders' from public.jobs where id = ${jobId}) as touched`),
    );
    expect(stored).toEqual({ n: 6_000, touched: "6000" });
  }, 120_000);
  it("alert-evaluate evaluates a PO's alert under Deno and records its email for the Node side", async () => {
    const finance = await createUser(db.engine(), `finance-${orgId.slice(0, 8)}@example.test`);
    await addMember(db.engine(), orgId, finance.id, "finance");
    const poId = await insertPurchaseOrder(db.engine(), orgId, { number: "PO-DENO", spent: "9600.00" });
    const job = await asServiceOn(db.engine(), (tx) => requestAlertEvaluation(tx, orgId, [poId], { key: "deno-test" }));
    const res = await fetch(running.get("alert-evaluate")!.url, {
      method: "POST",
      headers: { authorization: `Bearer ${SECRET_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ jobId: job!.id }),
    });
    expect(res.status, running.get("alert-evaluate")!.output.join("")).toBe(200);
    // The function drains every due evaluation: this one, and the one the Deno import above requested.
    const queuedBefore = await db.engine().transaction((tx) =>
      tx.one<{ n: number }>(sql`select count(*)::int as n from public.jobs where org_id = ${orgId} and kind = 'alerts.evaluate' and id <> ${job!.id}`),
    );
    expect(await res.json()).toMatchObject({ processed: { succeeded: 1 + queuedBefore.n, failed: 0 } });
    const state = await db.engine().transaction((tx) =>
      tx.one<{ job: string; result: { opened: number; notifications: number }; level: string; pending: number }>(sql`
        select (select status from public.jobs where id = ${job!.id}) as job,
               (select result from public.jobs where id = ${job!.id}) as result,
               (select level from public.alerts where po_id = ${poId}) as level,
               (select count(*)::int from public.alert_notifications where po_id = ${poId} and status = 'pending') as pending`),
    );
    // One email per member who may acknowledge (earlier tests in this file add members to the org).
    const { recipients } = await db.engine().transaction((tx) =>
      tx.one<{ recipients: number }>(sql`
        select count(*)::int as recipients from public.org_members m
        join public.role_permissions rp on rp.role = m.role and rp.permission = 'alerts.acknowledge'
        where m.org_id = ${orgId} and m.status = 'active'`),
    );
    expect(recipients).toBeGreaterThanOrEqual(1);
    // Whichever of the two evaluations reached the PO first opened its alert; together, one alert and
    // one email per recipient (the dedupe key), never two.
    expect(state).toMatchObject({ job: "succeeded", level: "critical", pending: recipients });
    // Rendering needs Node: POST /api/alerts/deliver (pg_cron) does this step on Supabase.
    expect(await deliverAlertNotifications({ orgId })).toMatchObject({ emails: recipients });
  });
});
