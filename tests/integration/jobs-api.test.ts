/**
 * The visible side of the queue: GET /api/jobs/{id} for progress bars, the queue in
 * /api/health/detailed, and the Edge Functions' handler (authentication, flat errors, draining)
 * run in-process on this engine; tests/integration/jobs-edge-functions.test.ts runs it under Deno.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { reloadConfig } from "@/server/config";
import { dispatchJob } from "@/server/jobs/dispatch-job";
import { GET as getJobRoute } from "@/app/api/jobs/[id]/route";
import { GET as healthDetailed } from "@/app/api/health/detailed/route";
import { GET as healthDeployment } from "@/app/api/health/deployment/route";
import { sql } from "@/server/db/sql";
import { asServiceOn } from "@/server/db/transactions";
import { enqueueJob } from "@/server/jobs/enqueue-job";
import { jobDatabase } from "@/server/jobs/job-database";
import { createJobFunctionHandler } from "@edge-shared/edge/job-function.ts";
import { drainJobs } from "@edge-shared/jobs/worker.ts";
import { setupTestDatabase } from "../helpers/test-db";
import { createOrgWithMembers } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";
import { createEffectsTable, testRegistry } from "../helpers/test-job-kinds";

const db = setupTestDatabase();
const OPERATOR_TOKEN = "operator-token-0123456789abcdef-0123456789";
type World = Awaited<ReturnType<typeof createOrgWithMembers>>;
let acme: World;
let globex: World;

const enqueue = (orgId: string, kind: string, payload: unknown = {}) =>
  asServiceOn(db.engine(), (tx) => enqueueJob(tx, { orgId, kind, payload }, testRegistry));

beforeAll(async () => {
  acme = await createOrgWithMembers(db.engine());
  globex = await createOrgWithMembers(db.engine());
  await createEffectsTable(db.engine());
});

describe("GET /api/jobs/{id}", () => {
  it("shows a member of the organization the job's status, progress and result", async () => {
    // system.noop is readable by any member (test.* kinds are unknown to the app's registry, and a
    // job of a kind the app does not know is shown to nobody).
    const { id } = await enqueue(acme.org.id, "system.noop", { batches: 2 });
    const staff = await signIn(acme.members.staff.email);
    const headers = { "x-org-id": acme.org.slug };
    const queued = await staff.call(getJobRoute, `/api/jobs/${id}`, { params: { id }, headers });
    expect(queued.status).toBe(200);
    expect(queued.json).toMatchObject({ id, kind: "system.noop", status: "queued", attempts: 0, maxAttempts: 5, progress: {}, error: null });
    await drainJobs({ db: jobDatabase(db.engine()), registry: testRegistry, kinds: ["system.noop"], workerId: "t", leaseSeconds: 30, deadline: Date.now() + 10_000 });
    const done = await staff.call(getJobRoute, `/api/jobs/${id}`, { params: { id }, headers });
    expect(done.json).toMatchObject({ status: "succeeded", attempts: 1, progress: { done: 2, total: 2 }, result: { batches: 2 } });
    expect(typeof done.json.finishedAt).toBe("string");
  });

  it("answers 404 to other organizations, unknown ids and malformed ids", async () => {
    const { id } = await enqueue(acme.org.id, "system.noop");
    const outsider = await signIn(globex.members.admin.email);
    const foreign = await outsider.call(getJobRoute, `/api/jobs/${id}`, { params: { id }, headers: { "x-org-id": globex.org.slug } });
    expect(foreign.status).toBe(404);
    expect(foreign.json).toMatchObject({ code: "NOT_FOUND", requestId: expect.any(String) });
    const viaOtherOrg = await outsider.call(getJobRoute, `/api/jobs/${id}`, { params: { id }, headers: { "x-org-id": acme.org.slug } });
    expect(viaOtherOrg.status).toBe(404);
    const malformed = await outsider.call(getJobRoute, "/api/jobs/nope", { params: { id: "nope" }, headers: { "x-org-id": globex.org.slug } });
    expect(malformed.status).toBe(404);
    expect((await new TestClient().call(getJobRoute, `/api/jobs/${id}`, { params: { id } })).status).toBe(401);
  });
});

describe("GET /api/jobs/{id}: each kind is read under its own permission", () => {
  const jobOf = (orgId: string, kind: string) =>
    asServiceOn(db.engine(), (tx) =>
      tx.one<{ id: string }>(sql`
        insert into public.jobs (org_id, kind, payload, status, result, finished_at)
        values (${orgId}, ${kind}, '{}', 'succeeded', '{"secret":"figures"}', now()) returning id`),
    ).then((row) => row.id);

  it("shows a sync's result only to members who may read syncs, and housekeeping only to admins", async () => {
    const sync = await jobOf(acme.org.id, "sync.run");
    const prune = await jobOf(acme.org.id, "system.prune");
    const unknown = await jobOf(acme.org.id, "no.such.kind");
    const headers = { "x-org-id": acme.org.slug };
    const read = async (role: keyof World["members"], id: string) =>
      (await (await signIn(acme.members[role].email)).call(getJobRoute, `/api/jobs/${id}`, { params: { id }, headers })).status;
    expect(await read("staff", sync)).toBe(404);
    for (const role of ["admin", "executive", "finance", "operator"] as const) expect(await read(role, sync)).toBe(200);
    expect(await read("admin", prune)).toBe(200);
    expect(await read("executive", prune)).toBe(404);
    expect(await read("admin", unknown)).toBe(404);
    const refused = await (await signIn(acme.members.staff.email)).call(getJobRoute, `/api/jobs/${sync}`, { params: { id: sync }, headers });
    expect(refused.json).toMatchObject({ code: "NOT_FOUND" });
    expect(JSON.stringify(refused.json)).not.toContain("figures");
  });
});

describe("/api/health/detailed", () => {
  it("reports the backlog, the oldest due job's age and recent failures", async () => {
    await asServiceOn(db.engine(), (tx) =>
      tx.query(sql`update public.jobs set status = 'cancelled', finished_at = now() where status = 'queued'`),
    );
    const { id } = await enqueue(acme.org.id, "system.noop");
    await db.engine().transaction((tx) => tx.query(sql`update public.jobs set run_after = now() - interval '90 seconds' where id = ${id}`));
    await enqueue(globex.org.id, "test.fails", { permanent: true });
    await drainJobs({ db: jobDatabase(db.engine()), registry: testRegistry, kinds: ["test.fails"], workerId: "t", leaseSeconds: 30, deadline: Date.now() + 10_000 });
    // An operator of the deployment sees every organization's figures.
    process.env.OPERATOR_TOKEN = OPERATOR_TOKEN;
    reloadConfig();
    try {
      const res = await new TestClient().call(healthDeployment, "/api/health/deployment", { headers: { "x-operator-token": OPERATOR_TOKEN } });
      expect(res.status).toBe(200);
      expect(res.json.scope).toBe("deployment");
      const jobs = res.json.jobs as Record<string, number | string>;
      expect(jobs).toMatchObject({ runner: "worker", queued: 1, due: 1, running: 0, failedLastDay: 1 });
      expect(jobs.oldestQueuedAgeSeconds).toBeGreaterThanOrEqual(89);
      // The process itself, for a monitor (and `npm run load`): memory and recent event-loop delay.
      const proc = res.json.process as { rssMb: number; heapUsedMb: number; eventLoopDelayMs: Record<string, number> };
      expect(proc.rssMb).toBeGreaterThan(proc.heapUsedMb);
      expect(proc.heapUsedMb).toBeGreaterThan(0);
      expect(proc.eventLoopDelayMs).toMatchObject({ p50: expect.any(Number), p99: expect.any(Number), max: expect.any(Number) });
    } finally {
      delete process.env.OPERATOR_TOKEN;
      reloadConfig();
    }
    // An organization's admin sees only its own: Acme's backlog, Globex's failure.
    const acmeView = await (await signIn(acme.members.admin.email)).call(healthDetailed, "/api/health/detailed", { headers: { "x-org-id": acme.org.slug } });
    expect(acmeView.status).toBe(200);
    expect(acmeView.json.scope).toBe("organization");
    // Process figures are the deployment's business, not an organization's.
    expect(acmeView.json.process).toBeUndefined();
    expect(acmeView.json.jobs).toMatchObject({ queued: 1, due: 1, running: 0, failedLastDay: 0 });
    const globexView = await (await signIn(globex.members.admin.email)).call(healthDetailed, "/api/health/detailed", { headers: { "x-org-id": globex.org.slug } });
    expect(globexView.json.jobs).toMatchObject({ queued: 0, due: 0, running: 0, failedLastDay: 1, oldestQueuedAgeSeconds: null });
  });

  it("gives the deployment-wide view to operators only: the token, or a signed-in user on OPERATOR_EMAILS", async () => {
    process.env.OPERATOR_TOKEN = OPERATOR_TOKEN;
    process.env.OPERATOR_EMAILS = `someone@else.test, ${acme.members.executive.email.toUpperCase()}`;
    reloadConfig();
    try {
      const call = (client: TestClient, headers: Record<string, string> = {}) => client.call(healthDeployment, "/api/health/deployment", { headers });
      expect((await call(new TestClient(), { "x-operator-token": OPERATOR_TOKEN })).status).toBe(200);
      const wrongToken = await call(new TestClient(), { "x-operator-token": `${OPERATOR_TOKEN}x` });
      expect(wrongToken.status).toBe(401);
      expect(wrongToken.json).toMatchObject({ code: "UNAUTHORIZED", requestId: expect.any(String) });
      expect((await call(new TestClient())).status).toBe(401);
      // An organization's admin is not an operator of the deployment.
      const admin = await call(await signIn(acme.members.admin.email));
      expect(admin.status).toBe(403);
      expect(admin.json).toMatchObject({ code: "FORBIDDEN" });
      const listed = await call(await signIn(acme.members.executive.email));
      expect(listed.status).toBe(200);
      expect(listed.json.scope).toBe("deployment");
    } finally {
      delete process.env.OPERATOR_TOKEN;
      delete process.env.OPERATOR_EMAILS;
      reloadConfig();
    }
  });
});

describe("the Edge Functions' handler", () => {
  const secret = "cron-secret-0123456789abcdef";
  const handler = () =>
    createJobFunctionHandler({
      runner: "import-process",
      registry: testRegistry,
      env: (name) => ({ JOBS_CRON_SECRET: secret, SUPABASE_SECRET_KEYS: JSON.stringify({ default: "sb_secret_abcdefghijklmnop" }) })[name],
      db: jobDatabase(db.engine()),
    });
  const post = (headers: Record<string, string>, body?: string) =>
    handler()(new Request("http://functions.local/import-process", { method: "POST", headers, body }));

  it("answers 401 in the flat shape without a valid key, running nothing", async () => {
    const { id } = await enqueue(acme.org.id, "test.batches", { batches: 1 });
    for (const headers of [{}, { authorization: "Bearer wrong-secret-0123456789" }, { apikey: secret.slice(0, -1) }] as Record<string, string>[]) {
      const res = await post(headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: expect.any(String), code: "UNAUTHORIZED", timestamp: expect.any(String), requestId: expect.any(String) });
    }
    const status = await db.engine().transaction((tx) => tx.one<{ status: string }>(sql`select status from public.jobs where id = ${id}`));
    expect(status.status).toBe("queued");
  });

  it("with the cron secret or a secret key, drains its kinds and system jobs, not other runners' kinds", async () => {
    await asServiceOn(db.engine(), (tx) => tx.query(sql`update public.jobs set status = 'cancelled', finished_at = now() where status = 'queued'`));
    const mine = await enqueue(acme.org.id, "test.batches", { batches: 1 });
    const system = await enqueue(acme.org.id, "system.noop", { batches: 1 });
    const theirs = await enqueue(acme.org.id, "test.fails");
    const res = await post({ authorization: `Bearer ${secret}` }, JSON.stringify({ schedules: ["no.such_schedule"] }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ processed: { succeeded: 2 }, scheduled: 0, unknownSchedules: ["no.such_schedule"] });
    const statuses = await db.engine().transaction((tx) =>
      tx.query<{ id: string; status: string; result: { ranOn?: string } | null }>(sql`select id, status, result from public.jobs where id = any(${[mine.id, system.id, theirs.id]}::uuid[])`),
    );
    const byId = new Map(statuses.map((s) => [s.id, s]));
    expect(byId.get(mine.id)?.status).toBe("succeeded");
    expect(byId.get(system.id)).toMatchObject({ status: "succeeded", result: { ranOn: expect.stringMatching(/^node /) } });
    expect(byId.get(theirs.id)?.status).toBe("queued");
    expect((await post({ apikey: "sb_secret_abcdefghijklmnop" })).status).toBe(200);
  });

  it("answers bad input in the flat shape", async () => {
    const auth = { authorization: `Bearer ${secret}` };
    const malformed = await post(auth, "{");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: "BAD_REQUEST" });
    const invalid = await post(auth, JSON.stringify({ jobId: "x", extra: 1 }));
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ code: "VALIDATION_FAILED", details: { jobId: [expect.any(String)] } });
    const get = await handler()(new Request("http://functions.local/import-process", { headers: auth }));
    expect(get.status).toBe(405);
  });
});

describe("dispatch in JOBS_RUNNER=edge", () => {
  it("invokes the kind's Edge Function with the job id after a new enqueue, and not for a duplicate", async () => {
    const calls: { url: string; key: string | undefined; body: unknown }[] = [];
    const server = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString()));
      req.on("end", () => {
        // supabase-js sends a non-JWT secret key as `apikey` (a JWT one also as a bearer token).
        const key = (req.headers.authorization?.replace(/^Bearer /, "") ?? req.headers.apikey) as string | undefined;
        calls.push({ url: req.url ?? "", key, body: JSON.parse(raw || "null") });
        res.writeHead(200, { "content-type": "application/json" }).end('{"processed":{}}');
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const saved = { ...process.env };
    Object.assign(process.env, {
      JOBS_RUNNER: "edge",
      NEXT_PUBLIC_SUPABASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      SUPABASE_SECRET_KEY: "sb_secret_dispatch-test-key",
    });
    reloadConfig();
    try {
      const job = await enqueue(acme.org.id, "system.noop");
      await dispatchJob(job);
      await dispatchJob({ ...job, created: false });
      expect(calls).toEqual([{ url: "/functions/v1/sync-run", key: "sb_secret_dispatch-test-key", body: { jobId: job.id } }]);
    } finally {
      for (const key of ["JOBS_RUNNER", "NEXT_PUBLIC_SUPABASE_URL", "SUPABASE_SECRET_KEY"]) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
      reloadConfig();
      await new Promise((r) => server.close(r));
    }
  });
});
