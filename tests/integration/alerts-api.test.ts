/**
 * The alerts API over HTTP (route handlers in-process): the role matrix on every route, another
 * organization's member kept out, list filters and order, the detail's timeline, acknowledging
 * (idempotent, all or nothing, 409 when resolved, audited in the same transaction), the badge's
 * summary, the email opt-out, the pg_cron delivery route, and a threshold change re-levelling POs.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as listAlerts } from "@/app/api/alerts/route";
import { GET as getAlert } from "@/app/api/alerts/[id]/route";
import { POST as acknowledgeOne } from "@/app/api/alerts/[id]/acknowledge/route";
import { POST as acknowledgeMany } from "@/app/api/alerts/acknowledge/route";
import { GET as summary } from "@/app/api/alerts/summary/route";
import { POST as deliver } from "@/app/api/alerts/deliver/route";
import { GET as getPreference, PUT as putPreference } from "@/app/api/me/notification-preferences/route";
import { PATCH as patchOrganization } from "@/app/api/organization/route";
import { reloadConfig } from "@/server/config";
import { sql } from "@/server/db/sql";
import type { AcknowledgeAlertsResult, AlertDetailView, AlertListPage, AlertSummaryView, AlertView } from "@/lib/alert-views";
import { ROLES, type Role } from "@/lib/permissions";
import { setupTestDatabase } from "../helpers/test-db";
import { createOrgWithMembers } from "../helpers/fixtures";
import { TestClient, type CallOptions } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";
import { alertEmailsTo, alertsOf, evaluate, insertPurchaseOrder, runAlertJobs, setSpent } from "../helpers/alert-fixtures";

const db = setupTestDatabase();
type Handler = Parameters<TestClient["call"]>[0];
type Actor = Role | "other org admin" | "anonymous";

const at = (percent: string) => (Number(percent) * 100).toFixed(2);
const { query } = db;

describe("alerts API", () => {
  let acme: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let globex: Awaited<ReturnType<typeof createOrgWithMembers>>;
  const clients = {} as Record<Actor, TestClient>;
  const headers = () => ({ "x-org-id": acme.org.slug });
  const po = {} as Record<"warning" | "critical" | "over" | "zero" | "recovered", string>;

  /** The org's current alert of a PO. */
  const alertOf = async (poId: string) => (await alertsOf(db.engine(), poId))[0]!;

  beforeAll(async () => {
    acme = await createOrgWithMembers(db.engine(), `acme-alerts-${randomUUID().slice(0, 4)}`);
    globex = await createOrgWithMembers(db.engine(), `globex-alerts-${randomUUID().slice(0, 4)}`);
    for (const role of ROLES) clients[role] = await signIn(acme.members[role].email);
    clients["other org admin"] = await signIn(globex.members.admin.email);
    clients.anonymous = new TestClient();
    const e = db.engine();
    po.recovered = await insertPurchaseOrder(e, acme.org.id, { number: "PO-100", spent: at("95") });
    await evaluate(e, acme.org.id);
    await setSpent(e, acme.org.id, po.recovered, at("10"));
    await evaluate(e, acme.org.id);
    await evaluate(e, acme.org.id); // resolved
    po.warning = await insertPurchaseOrder(e, acme.org.id, { number: "PO-101", supplier: "Warm Walls", spent: at("80") });
    await evaluate(e, acme.org.id);
    po.critical = await insertPurchaseOrder(e, acme.org.id, { number: "PO-102", supplier: "Crit Carpentry", spent: at("92.5") });
    await evaluate(e, acme.org.id);
    po.over = await insertPurchaseOrder(e, acme.org.id, { number: "PO-103", supplier: "Overrun Ltd", spent: at("104") });
    await evaluate(e, acme.org.id);
    po.zero = await insertPurchaseOrder(e, acme.org.id, { number: "PO-104", orderValue: "0", spent: "12.00" });
    await evaluate(e, acme.org.id);
    // Globex has an alert of its own, which Acme's members must never reach.
    await insertPurchaseOrder(e, globex.org.id, { number: "PO-G1", spent: at("99") });
    await evaluate(e, globex.org.id);
  });

  afterEach(() => {
    delete process.env.JOBS_CRON_SECRET;
    reloadConfig();
  });

  describe("role matrix: admin and finance acknowledge, executive and operator read, staff 403, another organization 404", () => {
    const order: Actor[] = ["admin", "executive", "finance", "operator", "staff", "other org admin", "anonymous"];
    const statuses = (list: number[]) => Object.fromEntries(order.map((k, i) => [k, list[i]!]));
    type Case = { name: string; handler: Handler; path: string; options: () => CallOptions; expect: Record<string, number> };
    const cases: Case[] = [
      { name: "GET /api/alerts", handler: listAlerts, path: "/api/alerts", options: () => ({}), expect: statuses([200, 200, 200, 200, 403, 404, 401]) },
      { name: "GET /api/alerts/summary", handler: summary, path: "/api/alerts/summary", options: () => ({}), expect: statuses([200, 200, 200, 200, 403, 404, 401]) },
      {
        name: "GET /api/alerts/{id}",
        handler: getAlert,
        path: "/api/alerts/x",
        options: () => ({ params: { id: alertIds.critical } }),
        expect: statuses([200, 200, 200, 200, 403, 404, 401]),
      },
      {
        name: "POST /api/alerts/{id}/acknowledge",
        handler: acknowledgeOne,
        path: "/api/alerts/x/acknowledge",
        options: () => ({ params: { id: alertIds.critical }, body: {} }),
        expect: statuses([200, 403, 200, 403, 403, 404, 401]),
      },
      {
        name: "POST /api/alerts/acknowledge",
        handler: acknowledgeMany,
        path: "/api/alerts/acknowledge",
        options: () => ({ body: { ids: [alertIds.critical] } }),
        expect: statuses([200, 403, 200, 403, 403, 404, 401]),
      },
    ];
    const alertIds = {} as { critical: string };
    beforeAll(async () => {
      alertIds.critical = (await alertOf(po.critical)).id;
    });

    it.each(cases)("$name", async (c) => {
      const seen: Record<string, number> = {};
      for (const actor of order) {
        const res = await clients[actor].call(c.handler, c.path, { headers: headers(), ...c.options() });
        seen[actor] = res.status;
        if (res.status >= 400) expect(res.json, `${actor}: flat error`).toMatchObject({ code: expect.any(String), requestId: expect.any(String) });
      }
      expect(seen).toEqual(c.expect);
    });

    it("another organization's alert is 404 even to an admin of the organization it names", async () => {
      const [theirs] = await query<{ id: string }>(sql`select id from public.alerts where org_id = ${globex.org.id}`);
      for (const handler of [getAlert, acknowledgeOne] as Handler[]) {
        const res = await clients.admin.call(handler, "/api/alerts/x", { headers: headers(), params: { id: theirs!.id }, ...(handler === acknowledgeOne ? { body: {} } : {}) });
        expect(res.status).toBe(404);
      }
      const bulk = await clients.admin.call(acknowledgeMany, "/api/alerts/acknowledge", { headers: headers(), body: { ids: [theirs!.id] } });
      expect(bulk.status).toBe(404);
      expect((await query<{ status: string }>(sql`select status from public.alerts where id = ${theirs!.id}`))[0]!.status).toBe("open");
    });
  });

  describe("GET /api/alerts", () => {
    it("lists newest escalation first with the PO's number, supplier and utilization, and filters by level, status and PO", async () => {
      const all = await clients.executive.call<AlertListPage>(listAlerts, "/api/alerts", { headers: headers() });
      expect(all.status).toBe(200);
      expect(all.json.total).toBe(5);
      expect(all.json.items.map((a) => a.poNumber)).toEqual(["PO-104", "PO-103", "PO-102", "PO-101", "PO-100"]);
      const over = all.json.items[1]!;
      expect(over).toMatchObject({
        poId: po.over, poNumber: "PO-103", supplier: "Overrun Ltd", level: "over_budget", utilizationPercent: "104.00",
        orderValue: "10000.00", spent: "10400.00", currency: "NZD", regression: false, openedAt: expect.stringMatching(/Z$/),
        lastEscalatedAt: expect.stringMatching(/Z$/),
      });
      expect(all.json.items[0]).toMatchObject({ poNumber: "PO-104", level: "over_budget", utilizationPercent: null });

      const critical = await clients.operator.call<AlertListPage>(listAlerts, "/api/alerts", { headers: headers(), query: { level: "critical" } });
      expect(critical.json.items.map((a) => a.poNumber)).toEqual(["PO-102"]);
      const resolved = await clients.operator.call<AlertListPage>(listAlerts, "/api/alerts", { headers: headers(), query: { status: "resolved" } });
      expect(resolved.json.items.map((a) => [a.poNumber, a.resolvedReason])).toEqual([["PO-100", "recovered"]]);
      const active = await clients.operator.call<AlertListPage>(listAlerts, "/api/alerts", { headers: headers(), query: { status: "active" } });
      expect(active.json.total).toBe(4);
      const ofPo = await clients.operator.call<AlertListPage>(listAlerts, "/api/alerts", { headers: headers(), query: { poId: po.recovered } });
      expect(ofPo.json.items.map((a) => a.status)).toEqual(["resolved"]);
      const paged = await clients.operator.call<AlertListPage>(listAlerts, "/api/alerts", { headers: headers(), query: { pageSize: "2", page: "2" } });
      expect(paged.json).toMatchObject({ total: 5, page: 2, pageSize: 2 });
      expect(paged.json.items.map((a) => a.poNumber)).toEqual(["PO-102", "PO-101"]);
      const beyond = await clients.operator.call<AlertListPage>(listAlerts, "/api/alerts", { headers: headers(), query: { page: "9" } });
      expect(beyond.json).toMatchObject({ items: [], total: 5 });
    });

    it("refuses bad filters with 422 naming the field", async () => {
      for (const q of [{ level: "purple" }, { status: "snoozed" }, { page: "0" }, { poId: "nope" }] as Record<string, string>[]) {
        const res = await clients.finance.call(listAlerts, "/api/alerts", { headers: headers(), query: q });
        expect(res.status, JSON.stringify(q)).toBe(422);
        expect(Object.keys((res.json as { details: object }).details)).toEqual(Object.keys(q));
      }
    });
  });

  describe("acknowledging", () => {
    it("records who, when and the note, with a timeline event and an audit event; again is a no-op", async () => {
      const alert = await alertOf(po.warning);
      const first = await clients.finance.call<AlertView>(acknowledgeOne, "/api/alerts/x/acknowledge", {
        headers: headers(), params: { id: alert.id }, body: { note: "  Supplier asked to hold invoicing  " },
      });
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({
        id: alert.id, status: "acknowledged", note: "Supplier asked to hold invoicing",
        acknowledgedBy: { id: acme.members.finance.id, email: acme.members.finance.email }, acknowledgedAt: expect.any(String),
      });
      const again = await clients.admin.call<AlertView>(acknowledgeOne, "/api/alerts/x/acknowledge", { headers: headers(), params: { id: alert.id }, body: { note: "other" } });
      expect(again.status).toBe(200);
      expect(again.json).toMatchObject({ acknowledgedAt: first.json.acknowledgedAt, note: "Supplier asked to hold invoicing", acknowledgedBy: { id: acme.members.finance.id } });

      const detail = await clients.operator.call<AlertDetailView>(getAlert, "/api/alerts/x", { headers: headers(), params: { id: alert.id } });
      expect(detail.json.events.map((e) => e.kind)).toEqual(["opened", "acknowledged"]);
      expect(detail.json.events[1]).toMatchObject({ actor: { id: acme.members.finance.id }, note: "Supplier asked to hold invoicing", toLevel: "warning" });
      expect(detail.json.notifications).toEqual([{ level: "warning", recipients: 2, sent: 0, digest: false, createdAt: expect.any(String) }]);
      const audit = await query<{ action: string; actor_user_id: string; target_id: string; metadata: Record<string, unknown>; request_id: string | null }>(sql`
        select action, actor_user_id, target_id, metadata, request_id from public.audit_events where org_id = ${acme.org.id} and action = 'alert.acknowledged' and target_id = ${alert.id}`);
      expect(audit).toEqual([{
        action: "alert.acknowledged", actor_user_id: acme.members.finance.id, target_id: alert.id, request_id: expect.any(String),
        metadata: { poNumber: "PO-101", level: "warning", utilizationPercent: 80, note: "Supplier asked to hold invoicing" },
      }]);
    });

    it("answers 409 for a resolved alert and changes nothing, alone or in a bulk request", async () => {
      const resolved = (await alertsOf(db.engine(), po.recovered))[0]!;
      const one = await clients.admin.call(acknowledgeOne, "/api/alerts/x/acknowledge", { headers: headers(), params: { id: resolved.id }, body: {} });
      expect(one.status).toBe(409);
      expect(one.json).toMatchObject({ code: "CONFLICT" });
      const over = await alertOf(po.over);
      const bulk = await clients.admin.call(acknowledgeMany, "/api/alerts/acknowledge", { headers: headers(), body: { ids: [over.id, resolved.id] } });
      expect(bulk.status).toBe(409);
      expect((await alertOf(po.over)).status).toBe("open");
      const unknown = await clients.admin.call(acknowledgeMany, "/api/alerts/acknowledge", { headers: headers(), body: { ids: [over.id, randomUUID()] } });
      expect(unknown.status).toBe(404);
      expect((await alertOf(po.over)).status).toBe("open");
    });

    it("bulk-acknowledges several alerts and the badge's count drops", async () => {
      const before = await clients.finance.call<AlertSummaryView>(summary, "/api/alerts/summary", { headers: headers() });
      const ids = [(await alertOf(po.over)).id, (await alertOf(po.zero)).id];
      const res = await clients.admin.call<AcknowledgeAlertsResult>(acknowledgeMany, "/api/alerts/acknowledge", { headers: headers(), body: { ids: [...ids, ids[0]], note: "Reviewed in the Monday meeting" } });
      expect(res.status).toBe(200);
      expect(res.json.acknowledged).toBe(2);
      expect(res.json.items.map((a) => [a.status, a.note])).toEqual([
        ["acknowledged", "Reviewed in the Monday meeting"],
        ["acknowledged", "Reviewed in the Monday meeting"],
      ]);
      const after = await clients.finance.call<AlertSummaryView>(summary, "/api/alerts/summary", { headers: headers() });
      expect(after.json.open).toBe(before.json.open - 2);
      expect(after.json.acknowledged).toBe(before.json.acknowledged + 2);
    });

    it("refuses bad bodies with 422 and changes nothing", async () => {
      const critical = await alertOf(po.critical);
      const before = await query(sql`select a.*, (select count(*) from public.alert_events e where e.alert_id = a.id) as events from public.alerts a where a.id = ${critical.id}`);
      const bodies: [Handler, string, CallOptions][] = [
        [acknowledgeMany, "/api/alerts/acknowledge", { body: { ids: [] } }],
        [acknowledgeMany, "/api/alerts/acknowledge", { body: { ids: ["x"] } }],
        [acknowledgeMany, "/api/alerts/acknowledge", { body: { ids: [critical.id], extra: 1 } }],
        [acknowledgeOne, "/api/alerts/x/acknowledge", { params: { id: critical.id }, body: { note: "x".repeat(1001) } }],
        [acknowledgeOne, "/api/alerts/x/acknowledge", { params: { id: critical.id }, body: { note: 5 } }],
      ];
      for (const [handler, path, options] of bodies) {
        const res = await clients.admin.call(handler, path, { headers: headers(), ...options });
        expect(res.status, JSON.stringify(options.body)).toBe(422);
      }
      const malformed = await clients.admin.call(acknowledgeMany, "/api/alerts/acknowledge", { headers: { ...headers(), "content-type": "application/json" }, rawBody: "{" });
      expect(malformed.status).toBe(400);
      expect(await query(sql`select a.*, (select count(*) from public.alert_events e where e.alert_id = a.id) as events from public.alerts a where a.id = ${critical.id}`)).toEqual(before);
    });
  });

  describe("alert email opt-out", () => {
    it("is each member's own, per organization", async () => {
      const fin = await clients.finance.call(getPreference, "/api/me/notification-preferences", { headers: headers() });
      expect(fin.json).toEqual({ alertEmails: true, eligible: true });
      const staff = await clients.staff.call(getPreference, "/api/me/notification-preferences", { headers: headers() });
      expect(staff.json).toEqual({ alertEmails: true, eligible: false });
      const off = await clients.finance.call(putPreference, "/api/me/notification-preferences", { method: "PUT", headers: headers(), body: { alertEmails: false } });
      expect(off.json).toEqual({ alertEmails: false, eligible: true });
      expect((await clients.finance.call(getPreference, "/api/me/notification-preferences", { headers: headers() })).json).toMatchObject({ alertEmails: false });
      expect((await clients.admin.call(getPreference, "/api/me/notification-preferences", { headers: headers() })).json).toMatchObject({ alertEmails: true });
      const bad = await clients.finance.call(putPreference, "/api/me/notification-preferences", { method: "PUT", headers: headers(), body: { alertEmails: "no" } });
      expect(bad.status).toBe(422);
      const outsider = await clients["other org admin"].call(putPreference, "/api/me/notification-preferences", { method: "PUT", headers: headers(), body: { alertEmails: false } });
      expect(outsider.status).toBe(404);
      await clients.finance.call(putPreference, "/api/me/notification-preferences", { method: "PUT", headers: headers(), body: { alertEmails: true } });
    });
  });

  describe("POST /api/alerts/deliver (pg_cron)", () => {
    it("answers 401 without the cron secret, or while none is configured, and delivers with it", async () => {
      const anon = new TestClient();
      expect((await anon.call(deliver, "/api/alerts/deliver", { body: {}, headers: { authorization: "Bearer x".padEnd(40, "x") } })).status).toBe(401);
      process.env.JOBS_CRON_SECRET = "cron-secret-for-the-alert-tests";
      reloadConfig();
      expect((await anon.call(deliver, "/api/alerts/deliver", { body: {} })).status).toBe(401);
      expect((await anon.call(deliver, "/api/alerts/deliver", { body: {}, headers: { authorization: "Bearer wrong-secret-for-the-alert-tests" } })).status).toBe(401);
      const ok = await anon.call<{ emails: number }>(deliver, "/api/alerts/deliver", { body: {}, headers: { authorization: "Bearer cron-secret-for-the-alert-tests" } });
      expect(ok.status).toBe(200);
      expect(ok.json.emails).toBeGreaterThan(0);
      expect((await alertEmailsTo(db.engine(), acme.members.finance.email)).map((m) => m.subject)).toContain("PO-103 reached Over budget (104.00 %)");
    });
  });

  describe("thresholds", () => {
    it("a threshold change re-levels the organization's POs (audited; the escalation emails go out)", async () => {
      const org = await createOrgWithMembers(db.engine(), `thresholds-${randomUUID().slice(0, 4)}`);
      const admin = await signIn(org.members.admin.email);
      const poId = await insertPurchaseOrder(db.engine(), org.org.id, { number: "PO-T1", spent: at("85") });
      await evaluate(db.engine(), org.org.id);
      expect((await alertsOf(db.engine(), poId))[0]).toMatchObject({ level: "warning" });

      const res = await admin.call(patchOrganization, "/api/organization", { method: "PATCH", headers: { "x-org-id": org.org.slug }, body: { alertCriticalPct: 85 } });
      expect(res.status).toBe(200);
      const audit = await query<{ metadata: { changed: Record<string, unknown> } }>(sql`
        select metadata from public.audit_events where org_id = ${org.org.id} and action = 'org.updated'`);
      expect(audit[0]!.metadata.changed).toEqual({ alertCriticalPct: { from: 90, to: 85 } });
      expect(await runAlertJobs(db.engine())).toMatchObject({ succeeded: 1 });
      expect((await alertsOf(db.engine(), poId))[0]).toMatchObject({ level: "critical", status: "open" });
      expect((await alertEmailsTo(db.engine(), org.members.finance.email)).map((m) => m.subject)).toEqual([
        "PO-T1 reached Warning (85.00 %)",
        "PO-T1 rose from Warning to Critical (85.00 %)",
      ]);

      // Raising them puts the PO back on track: de-escalated, no email, resolved one evaluation later.
      await admin.call(patchOrganization, "/api/organization", { method: "PATCH", headers: { "x-org-id": org.org.slug }, body: { alertWarningPct: 88, alertCriticalPct: 95 } });
      await runAlertJobs(db.engine());
      expect((await alertsOf(db.engine(), poId))[0]).toMatchObject({ level: "on_track", status: "open", below_warning_streak: 1 });
      expect(await alertEmailsTo(db.engine(), org.members.finance.email)).toHaveLength(2);
      // A change of name alone enqueues no evaluation.
      await admin.call(patchOrganization, "/api/organization", { method: "PATCH", headers: { "x-org-id": org.org.slug }, body: { name: "Renamed" } });
      expect(await runAlertJobs(db.engine())).toMatchObject({ succeeded: 0 });
    });
  });
});
