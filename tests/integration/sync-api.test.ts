/**
 * The sync API over HTTP (route handlers in-process): the role matrix on every /api/sync route,
 * organizations kept apart, one active run per connection, refusals that enqueue nothing, history
 * paging and filters, health figures from seeded runs, and the audit event. Connections and runs
 * are written as the service role, the way the OAuth callback and the sync job write them.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as status } from "@/app/api/sync/status/route";
import { POST as trigger } from "@/app/api/sync/trigger/route";
import { GET as history } from "@/app/api/sync/history/route";
import { GET as health } from "@/app/api/sync/health/route";
import { GET as getRun } from "@/app/api/sync/runs/[id]/route";
import { sql } from "@/server/db/sql";
import { ROLES, type Role } from "@/lib/permissions";
import type { SyncConnectionHealth, SyncHistoryPage, SyncRunView, SyncStatusView, TriggeredSyncRun } from "@/lib/sync-views";
import { setupTestDatabase } from "../helpers/test-db";
import { addMember, createOrgWithMembers, createUser } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";

const db = setupTestDatabase();
type World = Awaited<ReturnType<typeof createOrgWithMembers>>;

const query = db.serviceQuery;

async function connect(orgId: string, name: string, options: { status?: string; provider?: "xero" | "xpm"; extra?: ReturnType<typeof sql> } = {}) {
  const [row] = await query<{ id: string }>(sql`
    insert into public.integration_connections (org_id, provider, tenant_id, tenant_name, status)
    values (${orgId}, ${options.provider ?? "xero"}, ${randomUUID()}, ${name}, ${options.status ?? "connected"})
    returning id`);
  return row!.id;
}

interface SeedRun {
  status: string;
  trigger?: string;
  /** Minutes before now the run was created; it started a minute later and ran for `seconds`. */
  ago: number;
  seconds?: number;
  counts?: Record<string, { fetched: number; upserted: number; deleted: number }>;
  pages?: number;
  apiCalls?: number;
  error?: string | null;
  requestedBy?: string | null;
}

async function seedRuns(orgId: string, connectionId: string, runs: SeedRun[]) {
  const ids: string[] = [];
  for (const r of runs) {
    const active = r.status === "queued" || r.status === "running";
    const [row] = await query<{ id: string }>(sql`
      insert into public.sync_runs (org_id, connection_id, trigger, status, counts, pages, api_calls, error, requested_by,
                                    created_at, started_at, finished_at)
      values (${orgId}, ${connectionId}, ${r.trigger ?? "schedule"}, ${r.status}, ${JSON.stringify(r.counts ?? {})}::jsonb,
              ${r.pages ?? 0}, ${r.apiCalls ?? 0}, ${r.error ?? null}, ${r.requestedBy ?? null},
              now() - make_interval(mins => ${r.ago}::int),
              ${r.status === "queued" ? null : sql`now() - make_interval(mins => ${r.ago}::int) + interval '1 minute'`},
              ${active ? null : sql`now() - make_interval(mins => ${r.ago}::int) + interval '1 minute' + make_interval(secs => ${r.seconds ?? 30}::int)`})
      returning id`);
    ids.push(row!.id);
  }
  return ids;
}

const syncJobs = (connectionId: string) =>
  query<{ id: string }>(sql`select id from public.jobs where kind = 'sync.run' and payload ->> 'connectionId' = ${connectionId}`);
const runsOf = (connectionId: string) =>
  query<{ id: string; status: string }>(sql`select id, status from public.sync_runs where connection_id = ${connectionId}`);

describe("sync API", () => {
  let acme: World;
  let globex: World;
  const clients = {} as Record<Role | "globex operator" | "anonymous", TestClient>;
  let headers: Record<string, string>;

  beforeAll(async () => {
    acme = await createOrgWithMembers(db.engine(), "acme-sync");
    globex = await createOrgWithMembers(db.engine(), "globex-sync");
    for (const role of ROLES) clients[role] = await signIn(acme.members[role].email);
    clients["globex operator"] = await signIn(globex.members.operator.email);
    clients.anonymous = new TestClient();
    headers = { "x-org-id": acme.org.slug };
  });

  describe("role matrix", () => {
    it("lets every role with sync.read read status, history, health and a run; staff get 403, nobody signed in 401", async () => {
      const conn = await connect(acme.org.id, "Matrix Ltd");
      const [runId] = await seedRuns(acme.org.id, conn, [{ status: "succeeded", ago: 10 }]);
      const reads: { handler: typeof status; path: string; params: Record<string, string> }[] = [
        { handler: status, path: "/api/sync/status", params: {} },
        { handler: history, path: "/api/sync/history", params: {} },
        { handler: health, path: "/api/sync/health", params: {} },
        { handler: getRun, path: `/api/sync/runs/${runId}`, params: { id: runId! } },
      ];
      for (const { handler, path, params } of reads) {
        for (const role of ["admin", "executive", "finance", "operator"] as const) {
          const res = await clients[role].call(handler, path, { headers, params });
          expect(res.status, `${role} ${path}`).toBe(200);
        }
        const staff = await clients.staff.call(handler, path, { headers, params });
        expect(staff.status, `staff ${path}`).toBe(403);
        expect(staff.json).toMatchObject({ code: "FORBIDDEN", requestId: expect.any(String) });
        expect((await clients.anonymous.call(handler, path, { headers, params })).status, `anonymous ${path}`).toBe(401);
      }
    });

    it("lets admins and operators trigger (202); executive, finance and staff get 403 and nothing is enqueued", async () => {
      for (const role of ["executive", "finance", "staff"] as const) {
        const conn = await connect(acme.org.id, `Refused for ${role}`);
        const res = await clients[role].call(trigger, "/api/sync/trigger", { headers, body: { connectionId: conn } });
        expect(res.status, role).toBe(403);
        expect(res.json).toMatchObject({ code: "FORBIDDEN" });
        expect(await runsOf(conn)).toEqual([]);
        expect(await syncJobs(conn)).toEqual([]);
      }
      for (const role of ["admin", "operator"] as const) {
        const conn = await connect(acme.org.id, `Started by ${role}`);
        const res = await clients[role].call<{ runs: TriggeredSyncRun[] }>(trigger, "/api/sync/trigger", { headers, body: { connectionId: conn } });
        expect(res.status, role).toBe(202);
        expect(res.json.runs).toHaveLength(1);
        const [run] = res.json.runs;
        expect(run).toMatchObject({ connectionId: conn, created: true, jobId: expect.any(String) });
        expect(run!.run).toMatchObject({
          id: run!.runId, status: "queued", trigger: "manual", tenantName: `Started by ${role}`,
          requestedBy: { id: acme.members[role].id, email: acme.members[role].email },
        });
        const jobs = await syncJobs(conn);
        expect(jobs.map((j) => j.id)).toEqual([run!.jobId]);
        const [job] = await query<{ payload: Record<string, unknown>; status: string }>(sql`select payload, status from public.jobs where id = ${run!.jobId}`);
        expect(job).toMatchObject({ status: "queued", payload: { connectionId: conn, syncRunId: run!.runId } });
      }
      expect((await clients.anonymous.call(trigger, "/api/sync/trigger", { headers, body: {} })).status).toBe(401);
    });
  });

  describe("organizations", () => {
    it("hides one organization's connections and runs from another organization's operator (404, never 403)", async () => {
      const conn = await connect(acme.org.id, "Acme Private");
      const [runId] = await seedRuns(acme.org.id, conn, [{ status: "failed", ago: 5, error: "secret failure" }]);
      const outsider = clients["globex operator"];
      // Naming Acme as the organization: the caller is not a member, so Acme "does not exist".
      for (const [handler, path, params] of [
        [status, "/api/sync/status", {}],
        [history, "/api/sync/history", {}],
        [health, "/api/sync/health", {}],
        [getRun, `/api/sync/runs/${runId}`, { id: runId! }],
      ] as const) {
        const res = await outsider.call(handler, path, { headers, params });
        expect(res.status, path).toBe(404);
        expect(res.json.code).toBe("NOT_FOUND");
      }
      const viaAcme = await outsider.call(trigger, "/api/sync/trigger", { headers, body: { connectionId: conn } });
      expect(viaAcme.status).toBe(404);

      // In its own organization, Acme's connection id is unknown.
      const own = { "x-org-id": globex.org.slug };
      const foreign = await outsider.call(trigger, "/api/sync/trigger", { headers: own, body: { connectionId: conn } });
      expect(foreign.status).toBe(404);
      expect(foreign.json.code).toBe("NOT_FOUND");
      expect(await runsOf(conn)).toHaveLength(1);
      expect(await syncJobs(conn)).toEqual([]);
      expect((await outsider.call(getRun, `/api/sync/runs/${runId}`, { headers: own, params: { id: runId! } })).status).toBe(404);
      const filtered = await outsider.call<SyncHistoryPage>(history, "/api/sync/history", { headers: own, query: { connectionId: conn } });
      expect(filtered.status).toBe(200);
      expect(filtered.json.items).toEqual([]);
      const globexStatus = await outsider.call<SyncStatusView>(status, "/api/sync/status", { headers: own });
      expect(globexStatus.json.connections.map((c) => c.id)).not.toContain(conn);
      const globexHealth = await outsider.call<{ connections: SyncConnectionHealth[] }>(health, "/api/sync/health", { headers: own });
      expect(globexHealth.json.connections.map((c) => c.connectionId)).not.toContain(conn);
    });

    it("refuses a connection of the caller's other organization when the request names this one", async () => {
      // An operator in both organizations cannot start Acme's sync while acting in Globex.
      const both = await createUser(db.engine(), `both-${randomUUID().slice(0, 6)}@example.test`);
      await addMember(db.engine(), acme.org.id, both.id, "operator");
      await addMember(db.engine(), globex.org.id, both.id, "operator");
      const client = await signIn(both.email);
      const conn = await connect(acme.org.id, "Acme Only");
      const res = await client.call(trigger, "/api/sync/trigger", { headers: { "x-org-id": globex.org.slug }, body: { connectionId: conn } });
      expect(res.status).toBe(404);
      expect(await syncJobs(conn)).toEqual([]);
    });
  });

  describe("POST /api/sync/trigger", () => {
    it("returns the active run (created false) to a second trigger and enqueues no second job", async () => {
      const conn = await connect(acme.org.id, "Busy Ltd");
      const first = await clients.operator.call<{ runs: TriggeredSyncRun[] }>(trigger, "/api/sync/trigger", { headers, body: { connectionId: conn } });
      expect(first.status).toBe(202);
      expect(first.json.runs[0]).toMatchObject({ created: true });
      const second = await clients.admin.call<{ runs: TriggeredSyncRun[] }>(trigger, "/api/sync/trigger", { headers, body: { connectionId: conn, full: true } });
      expect(second.status).toBe(202);
      expect(second.json.runs[0]).toMatchObject({ created: false, runId: first.json.runs[0]!.runId, jobId: first.json.runs[0]!.jobId });
      // Also while the job is running, not only while it is queued.
      await query(sql`update public.sync_runs set status = 'running', started_at = now() where id = ${first.json.runs[0]!.runId}`);
      const third = await clients.operator.call<{ runs: TriggeredSyncRun[] }>(trigger, "/api/sync/trigger", { headers, body: { connectionId: conn } });
      expect(third.json.runs[0]).toMatchObject({ created: false, runId: first.json.runs[0]!.runId });
      expect(third.json.runs[0]!.run.status).toBe("running");
      expect(await syncJobs(conn)).toHaveLength(1);
      expect(await runsOf(conn)).toHaveLength(1);
    });

    it("starts a new run once the previous one finished", async () => {
      const conn = await connect(acme.org.id, "Again Ltd");
      const first = await clients.operator.call<{ runs: TriggeredSyncRun[] }>(trigger, "/api/sync/trigger", { headers, body: { connectionId: conn } });
      await query(sql`update public.sync_runs set status = 'succeeded', started_at = now(), finished_at = now() where id = ${first.json.runs[0]!.runId}`);
      const second = await clients.operator.call<{ runs: TriggeredSyncRun[] }>(trigger, "/api/sync/trigger", { headers, body: { connectionId: conn, full: true } });
      expect(second.json.runs[0]).toMatchObject({ created: true });
      expect(second.json.runs[0]!.runId).not.toBe(first.json.runs[0]!.runId);
      expect(second.json.runs[0]!.run.fullResync).toBe(true);
      expect(await syncJobs(conn)).toHaveLength(2);
    });

    it("answers 409 for a connection that needs a reconnect or was disconnected, and enqueues nothing", async () => {
      for (const state of ["reconnect_required", "disconnected"]) {
        const conn = await connect(acme.org.id, `State ${state}`, { status: state });
        const res = await clients.operator.call(trigger, "/api/sync/trigger", { headers, body: { connectionId: conn } });
        expect(res.status, state).toBe(409);
        expect(res.json).toMatchObject({ code: "CONFLICT", error: expect.stringMatching(/reconnect/i) });
        expect(await runsOf(conn)).toEqual([]);
        expect(await syncJobs(conn)).toEqual([]);
      }
    });

    it("refuses a bad body with 422 (or 400 for malformed JSON) and enqueues nothing", async () => {
      const conn = await connect(acme.org.id, "Validation Ltd");
      const cases: { body?: unknown; rawBody?: string; status: number; field?: string }[] = [
        { body: { connectionId: "not-a-uuid" }, status: 422, field: "connectionId" },
        { body: { connectionId: conn, unknown: true }, status: 422 },
        { body: { connectionId: conn, full: "yes" }, status: 422, field: "full" },
        { body: { connectionId: 42 }, status: 422, field: "connectionId" },
        { body: [conn], status: 422 },
        { rawBody: `{"connectionId": "${conn}"`, status: 400 },
      ];
      for (const c of cases) {
        const res = await clients.operator.call<{ code: string; details?: Record<string, string[]> }>(trigger, "/api/sync/trigger", {
          headers: { ...headers, "content-type": "application/json" },
          body: c.body,
          rawBody: c.rawBody,
        });
        expect(res.status, JSON.stringify(c)).toBe(c.status);
        if (c.status === 422) expect(res.json.code).toBe("VALIDATION_FAILED");
        if (c.field) expect(res.json.details?.[c.field], JSON.stringify(res.json)).toBeDefined();
      }
      expect(await runsOf(conn)).toEqual([]);
      expect(await syncJobs(conn)).toEqual([]);
    });

    it("without a connection, starts every connected connection of the organization and skips the others", async () => {
      const { org, members } = await createOrgWithMembers(db.engine());
      const client = await signIn(members.operator.email);
      const orgHeaders = { "x-org-id": org.slug };
      const none = await client.call(trigger, "/api/sync/trigger", { headers: orgHeaders, body: {} });
      expect(none.status).toBe(409);

      const xero = await connect(org.id, "All Xero");
      const xpm = await connect(org.id, "All XPM", { provider: "xpm" });
      const broken = await connect(org.id, "All Broken", { status: "reconnect_required" });
      const gone = await connect(org.id, "All Gone", { status: "disconnected" });
      const res = await client.call<{ runs: TriggeredSyncRun[] }>(trigger, "/api/sync/trigger", { headers: orgHeaders, body: {} });
      expect(res.status).toBe(202);
      expect(res.json.runs.map((r) => r.connectionId).sort()).toEqual([xero, xpm].sort());
      expect(res.json.runs.every((r) => r.created)).toBe(true);
      expect(await syncJobs(broken)).toEqual([]);
      expect(await syncJobs(gone)).toEqual([]);
      const again = await client.call<{ runs: TriggeredSyncRun[] }>(trigger, "/api/sync/trigger", { headers: orgHeaders, body: {} });
      expect(again.json.runs.map((r) => r.created)).toEqual([false, false]);
      expect((await syncJobs(xero)).length + (await syncJobs(xpm)).length).toBe(2);
    });

    it("writes the sync.triggered audit event for a new run only", async () => {
      const conn = await connect(acme.org.id, "Audited Ltd");
      const res = await clients.operator.call<{ runs: TriggeredSyncRun[] }>(trigger, "/api/sync/trigger", {
        headers: { ...headers, "x-request-id": "sync-audit-test-1" },
        body: { connectionId: conn },
      });
      await clients.operator.call(trigger, "/api/sync/trigger", { headers, body: { connectionId: conn } });
      const events = await query<{ actor_user_id: string; target_type: string; target_id: string; metadata: Record<string, unknown>; request_id: string }>(sql`
        select actor_user_id, target_type, target_id, metadata, request_id from public.audit_events
         where org_id = ${acme.org.id} and action = 'sync.triggered' and target_id = ${conn}`);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor_user_id: acme.members.operator.id,
        target_type: "integration_connection",
        metadata: { provider: "xero", tenantName: "Audited Ltd", syncRunId: res.json.runs[0]!.runId },
        request_id: "sync-audit-test-1",
      });
    });
  });

  describe("GET /api/sync/status and /api/sync/runs/{id}", () => {
    it("shows the active run with its progress while the job runs, then the finished run", async () => {
      const { org, members } = await createOrgWithMembers(db.engine());
      const client = await signIn(members.finance.email);
      const orgHeaders = { "x-org-id": org.slug };
      const empty = await client.call<SyncStatusView>(status, "/api/sync/status", { headers: orgHeaders });
      expect(empty.json.connections).toEqual([]);

      const conn = await connect(org.id, "Live Ltd");
      const broken = await connect(org.id, "Broken Ltd", { status: "reconnect_required" });
      await seedRuns(org.id, conn, [{ status: "failed", ago: 60, error: "Xero was unavailable" }]);
      const operator = await signIn(members.operator.email);
      const started = await operator.call<{ runs: TriggeredSyncRun[] }>(trigger, "/api/sync/trigger", { headers: orgHeaders, body: { connectionId: conn } });
      const runId = started.json.runs[0]!.runId;

      // The job's side, as the sync.run kind writes it.
      await query(sql`update public.sync_runs set status = 'running', started_at = now() - interval '5 seconds',
                        progress = '{"percent": 40, "entity": "Invoices", "message": "Invoices: page 2"}'::jsonb,
                        counts = '{"Accounts": {"fetched": 12, "upserted": 12, "deleted": 0}}'::jsonb, pages = 3, api_calls = 4
                      where id = ${runId}`);
      const running = await client.call<SyncStatusView>(status, "/api/sync/status", { headers: orgHeaders });
      expect(running.status).toBe(200);
      expect(running.json.connections.map((c) => c.id)).toEqual([conn, broken]);
      const live = running.json.connections[0]!;
      expect(live).toMatchObject({ tenantName: "Live Ltd", status: "connected", provider: "xero" });
      expect(live.activeRun).toMatchObject({ id: runId, status: "running", progress: { percent: 40, entity: "Invoices", message: "Invoices: page 2" }, rows: 12, pages: 3, apiCalls: 4 });
      expect(live.activeRun!.durationMs).toBeGreaterThanOrEqual(5000);
      expect(live.lastRun).toMatchObject({ status: "failed", error: "Xero was unavailable" });
      expect(running.json.connections[1]).toMatchObject({ status: "reconnect_required", activeRun: null, lastRun: null });

      await query(sql`update public.sync_runs set status = 'succeeded', finished_at = started_at + interval '8 seconds',
                        progress = '{"percent": 100}'::jsonb,
                        counts = counts || '{"Invoices": {"fetched": 30, "upserted": 28, "deleted": 2}}'::jsonb
                      where id = ${runId}`);
      await query(sql`update public.integration_connections set last_success_at = now() where id = ${conn}`);
      const done = await client.call<SyncStatusView>(status, "/api/sync/status", { headers: orgHeaders });
      const finished = done.json.connections[0]!;
      expect(finished.activeRun).toBeNull();
      expect(finished.lastRun).toMatchObject({ id: runId, status: "succeeded", rows: 40, durationMs: 8000 });
      expect(finished.lastSuccessAt).toEqual(expect.any(String));

      const one = await client.call<SyncRunView>(getRun, `/api/sync/runs/${runId}`, { headers: orgHeaders, params: { id: runId } });
      expect(one.status).toBe(200);
      expect(one.json).toMatchObject({ id: runId, status: "succeeded", counts: { Invoices: { fetched: 30, upserted: 28, deleted: 2 } } });
      const missing = randomUUID();
      expect((await client.call(getRun, `/api/sync/runs/${missing}`, { headers: orgHeaders, params: { id: missing } })).status).toBe(404);
      expect((await client.call(getRun, "/api/sync/runs/nope", { headers: orgHeaders, params: { id: "nope" } })).status).toBe(404);
    });
  });

  describe("GET /api/sync/history", () => {
    it("pages newest first and filters by connection and status, with the run's figures and requester", async () => {
      const { org, members } = await createOrgWithMembers(db.engine());
      const client = await signIn(members.executive.email);
      const orgHeaders = { "x-org-id": org.slug };
      const a = await connect(org.id, "History A");
      const b = await connect(org.id, "History B", { provider: "xpm" });
      const counts = { Contacts: { fetched: 5, upserted: 5, deleted: 0 }, Invoices: { fetched: 9, upserted: 8, deleted: 1 } };
      const aRuns = await seedRuns(org.id, a, [
        { status: "succeeded", ago: 10, seconds: 42, counts, pages: 3, apiCalls: 7, trigger: "manual", requestedBy: members.operator.id },
        { status: "failed", ago: 20, error: "Xero said no" },
        { status: "partial", ago: 30 },
        { status: "succeeded", ago: 40 },
        { status: "cancelled", ago: 50 },
      ]);
      const bRuns = await seedRuns(org.id, b, [
        { status: "failed", ago: 15, trigger: "webhook" },
        { status: "succeeded", ago: 25 },
      ]);

      const page1 = await client.call<SyncHistoryPage>(history, "/api/sync/history", { headers: orgHeaders, query: { pageSize: "3" } });
      expect(page1.status).toBe(200);
      expect(page1.json).toMatchObject({ page: 1, pageSize: 3, hasMore: true });
      expect(page1.json.items.map((r) => r.id)).toEqual([aRuns[0], bRuns[0], aRuns[1]]);
      expect(page1.json.items[0]).toMatchObject({
        connectionId: a, tenantName: "History A", provider: "xero", trigger: "manual", status: "succeeded",
        counts, rows: 13, pages: 3, apiCalls: 7, durationMs: 42_000, error: null,
        requestedBy: { id: members.operator.id, email: members.operator.email },
      });
      expect(page1.json.items[1]).toMatchObject({ trigger: "webhook", provider: "xpm", requestedBy: null });
      const page3 = await client.call<SyncHistoryPage>(history, "/api/sync/history", { headers: orgHeaders, query: { pageSize: "3", page: "3" } });
      expect(page3.json.items.map((r) => r.id)).toEqual([aRuns[4]]);
      expect(page3.json.hasMore).toBe(false);

      const onlyA = await client.call<SyncHistoryPage>(history, "/api/sync/history", { headers: orgHeaders, query: { connectionId: a } });
      expect(onlyA.json.items.map((r) => r.id)).toEqual(aRuns);
      const failed = await client.call<SyncHistoryPage>(history, "/api/sync/history", { headers: orgHeaders, query: { status: "failed" } });
      expect(failed.json.items.map((r) => r.id)).toEqual([bRuns[0], aRuns[1]]);
      expect(failed.json.items[1]!.error).toBe("Xero said no");
      const failedB = await client.call<SyncHistoryPage>(history, "/api/sync/history", { headers: orgHeaders, query: { status: "failed", connectionId: b } });
      expect(failedB.json.items.map((r) => r.id)).toEqual([bRuns[0]]);

      for (const bad of [{ status: "exploded" }, { connectionId: "nope" }, { page: "0" }, { pageSize: "1000" }] as Record<string, string>[]) {
        const res = await client.call(history, "/api/sync/history", { headers: orgHeaders, query: bad });
        expect(res.status, JSON.stringify(bad)).toBe(422);
      }
    });
  });

  describe("GET /api/sync/health", () => {
    it("computes the error rates, success age, headroom and token figures from the connection and its runs", async () => {
      const { org, members } = await createOrgWithMembers(db.engine());
      const client = await signIn(members.admin.email);
      const orgHeaders = { "x-org-id": org.slug };
      const conn = await connect(org.id, "Health Ltd");
      await query(sql`
        update public.integration_connections
           set last_success_at = now() - interval '3 minutes', last_error = 'Xero was unavailable', last_error_at = now() - interval '2 hours',
               rate_headroom = '{"day": 4200, "minute": 55, "appMinute": 9800, "at": "2026-11-20T10:00:00.000Z"}'::jsonb,
               token_expires_at = now() + interval '20 minutes', token_refreshed_at = now() - interval '10 days',
               paused_until = now() + interval '5 hours'
         where id = ${conn}`);
      // Newest first: 20 finished runs in the window (5 failed, 3 of them in the last 24 hours), older
      // failures beyond it, plus a cancelled and a running run that count as neither.
      const hour = 60;
      const runs: SeedRun[] = [
        { status: "running", ago: 1 },
        { status: "cancelled", ago: 2 },
        { status: "failed", ago: 3 * hour },
        { status: "succeeded", ago: 4 * hour },
        { status: "failed", ago: 5 * hour },
        { status: "partial", ago: 6 * hour },
        { status: "failed", ago: 7 * hour },
        ...Array.from({ length: 13 }, (_, i): SeedRun => ({ status: "succeeded", ago: 26 * hour + i * hour })),
        { status: "failed", ago: 40 * hour },
        { status: "failed", ago: 41 * hour },
        ...Array.from({ length: 6 }, (_, i): SeedRun => ({ status: "failed", ago: 50 * hour + i * hour })),
      ];
      await seedRuns(org.id, conn, runs);
      const other = await connect(org.id, "Fresh Ltd", { provider: "xpm" });

      const res = await client.call<{ connections: SyncConnectionHealth[]; now: string }>(health, "/api/sync/health", { headers: orgHeaders });
      expect(res.status).toBe(200);
      const h = res.json.connections.find((c) => c.connectionId === conn)!;
      expect(h.errorRate.last20).toEqual({ finished: 20, failed: 5, rate: 0.25 });
      expect(h.errorRate.last24h).toEqual({ finished: 5, failed: 3, rate: 0.6 });
      expect(h.lastSuccessAgeSeconds).toBeGreaterThanOrEqual(180);
      expect(h.lastSuccessAgeSeconds).toBeLessThan(600);
      expect(h).toMatchObject({ status: "connected", tenantName: "Health Ltd", lastError: "Xero was unavailable", pausedUntil: expect.any(String) });
      expect(h.rateHeadroom).toEqual({ day: 4200, minute: 55, appMinute: 9800, at: "2026-11-20T10:00:00.000Z", limits: { day: 5000, minute: 60, appMinute: 10000 } });
      expect(h.token.refreshAgeDays).toBeGreaterThanOrEqual(10);
      expect(h.token.refreshAgeDays).toBeLessThan(10.1);
      const refreshed = Date.parse(h.token.refreshedAt!);
      expect(Date.parse(h.token.refreshExpiresAt!) - refreshed).toBe(60 * 86_400_000);
      expect(Date.parse(h.token.accessExpiresAt!)).toBeGreaterThan(Date.parse(res.json.now));

      const fresh = res.json.connections.find((c) => c.connectionId === other)!;
      expect(fresh.errorRate).toEqual({ last20: { finished: 0, failed: 0, rate: null }, last24h: { finished: 0, failed: 0, rate: null } });
      expect(fresh).toMatchObject({ lastSuccessAt: null, lastSuccessAgeSeconds: null, pausedUntil: null });
      expect(fresh.rateHeadroom).toMatchObject({ day: null, minute: null, appMinute: null, at: null });
      expect(fresh.token).toEqual({ accessExpiresAt: null, refreshedAt: null, refreshExpiresAt: null, refreshAgeDays: null });
    });
  });
});
