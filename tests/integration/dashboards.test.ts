import jwt from "jsonwebtoken";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listDashboards } from "@/app/api/dashboards/route";
import { GET as getConfig, PUT as putConfig } from "@/app/api/dashboards/config/route";
import { GET as getData } from "@/app/api/dashboards/[id]/data/route";
import { GET as getAccess } from "@/app/api/dashboards/[id]/access/route";
import { POST as refresh } from "@/app/api/dashboards/[id]/refresh/route";
import { POST as embed } from "@/app/api/dashboards/[id]/embed/route";
import { GET as userDashboards } from "@/app/api/users/[userId]/dashboards/route";
import { reloadConfig } from "@/server/config";
import { asUser, sql } from "@/server/db";
import { ensureDefaultDashboards } from "@/server/dashboards/default-dashboards";
import { isoDateIn } from "@/server/dashboards/date-range";
import { recordDashboardView } from "@/server/dashboards/record-dashboard-view";
import { generateFinanceData, type FinanceDataset } from "@/server/demo/generate-finance-data";
import { insertFinanceData } from "@/server/demo/insert-finance-data";
import { refreshFinanceRollups } from "@edge-shared/finance/refresh-finance-rollups.ts";
import { ROLES, type Role } from "@/lib/permissions";
import { setupTestDatabase } from "../helpers/test-db";
import { createOrgWithMembers } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";

const db = setupTestDatabase();
const SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const SITE = "https://metabase.example.test";

// Response bodies are probed field by field; the assertions give them their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
type World = Awaited<ReturnType<typeof createOrgWithMembers>>;
const round = (n: number) => Math.round(n * 100) / 100;
const dayDiff = (a: string, b: string) => (Date.parse(a) - Date.parse(b)) / 86_400_000;

describe("dashboards", () => {
  let acme: World;
  let other: World;
  let data: FinanceDataset;
  let today: string;
  const ids: Record<string, string> = {};
  const clients = {} as Record<Role, TestClient>;
  let outsider: TestClient;

  beforeAll(async () => {
    process.env.METABASE_SITE_URL = SITE;
    process.env.METABASE_SECRET_KEY = SECRET;
    reloadConfig();
    acme = await createOrgWithMembers(db.engine(), "acme-dash");
    other = await createOrgWithMembers(db.engine(), "other-dash");
    // UTC is the fixtures' time zone: "today" is the same day the service measures aging at.
    today = isoDateIn("UTC");
    data = generateFinanceData({ seed: 42, invoices: 600, asOf: today, currency: "USD" });
    const otherData = generateFinanceData({ seed: 7, invoices: 300, asOf: today, currency: "USD" });
    await db.engine().transaction(async (tx) => {
      for (const [org, d] of [[acme.org.id, data], [other.org.id, otherData]] as const) {
        await ensureDefaultDashboards(tx, org, { withMetabase: true });
        await insertFinanceData(tx, org, d);
        await refreshFinanceRollups(tx, org);
      }
      const rows = await tx.query<{ key: string; id: string }>(sql`select key, id from public.dashboards where org_id = ${acme.org.id}`);
      for (const r of rows) ids[r.key] = r.id;
      ids.otherFinancial = (await tx.one<{ id: string }>(sql`select id from public.dashboards where org_id = ${other.org.id} and key = 'financial-overview'`)).id;
    });
    for (const role of ROLES) clients[role] = await signIn(acme.members[role].email);
    outsider = await signIn(other.members.finance.email);
  });

  afterAll(() => {
    delete process.env.METABASE_SITE_URL;
    delete process.env.METABASE_SECRET_KEY;
    reloadConfig();
  });

  const dataOf = (role: Role, id: string, query: Record<string, string> = {}) =>
    clients[role].call<Json>(getData, `/api/dashboards/${id}/data`, { params: { id }, query });

  describe("aggregates equal values computed from the generated rows", () => {
    const from = () => new Date(Date.UTC(Number(today.slice(0, 4)) - 1, 0, 1)).toISOString().slice(0, 10);

    it("revenue and cash received by month", async () => {
      const res = await dataOf("finance", ids["financial-overview"]!, { from: from(), to: today });
      expect(res.status).toBe(200);
      const expected = new Map<string, { revenue: number; expenses: number; cash: number }>();
      const bucket = (m: string) => expected.get(m) ?? expected.set(m, { revenue: 0, expenses: 0, cash: 0 }).get(m)!;
      const inv = data.invoices;
      inv.externalId.forEach((_, i) => {
        if (!["AUTHORISED", "PAID"].includes(inv.status[i]!) || inv.date[i]! < from() || inv.date[i]! > today) return;
        const b = bucket(inv.date[i]!.slice(0, 7));
        if (inv.type[i] === "ACCREC") b.revenue += inv.subTotal[i]!;
        else b.expenses += inv.subTotal[i]!;
      });
      data.payments.externalId.forEach((_, i) => {
        if (data.payments.type[i] !== "ACCRECPAYMENT" || data.payments.date[i]! < from() || data.payments.date[i]! > today) return;
        bucket(data.payments.date[i]!.slice(0, 7)).cash += data.payments.amount[i]!;
      });
      const monthly = res.json.monthly as { month: string; revenue: number; expenses: number; cashReceived: number }[];
      expect(monthly.length).toBeGreaterThanOrEqual(12);
      for (const m of monthly) {
        const e = expected.get(m.month) ?? { revenue: 0, expenses: 0, cash: 0 };
        expect([m.month, m.revenue, m.expenses, m.cashReceived]).toEqual([m.month, round(e.revenue), round(e.expenses), round(e.cash)]);
      }
      expect(monthly.some((m) => m.revenue > 0)).toBe(true);
    });

    it("receivables aging buckets, by contact and in total", async () => {
      const res = await dataOf("finance", ids["financial-overview"]!);
      const totals = { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, days90plus: 0, total: 0 };
      const perContact = new Map<string, number>();
      const inv = data.invoices;
      inv.externalId.forEach((_, i) => {
        if (inv.type[i] !== "ACCREC" || inv.status[i] !== "AUTHORISED" || inv.amountDue[i]! <= 0) return;
        const late = dayDiff(today, inv.dueDate[i]!);
        const key = late <= 0 ? "current" : late <= 30 ? "days1to30" : late <= 60 ? "days31to60" : late <= 90 ? "days61to90" : "days90plus";
        totals[key] += inv.amountDue[i]!;
        totals.total += inv.amountDue[i]!;
        perContact.set(inv.contact[i]!, (perContact.get(inv.contact[i]!) ?? 0) + inv.amountDue[i]!);
      });
      expect(res.json.aging.totals).toEqual(Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, round(v)])));
      expect(totals.days90plus).toBeGreaterThan(0);
      const top = [...perContact].sort((a, b) => b[1] - a[1])[0]!;
      expect(res.json.topDebtors[0]).toMatchObject({ contactId: top[0], total: round(top[1]) });
      expect(res.json.kpis.receivables).toBe(round(totals.total));
    });

    it("work in progress by job: billable time and costs not yet invoiced", async () => {
      const res = await dataOf("staff", ids.practice!, { from: from(), to: today });
      expect(res.status).toBe(200);
      const wip = new Map<string, number>();
      const te = data.timeEntries;
      te.externalId.forEach((_, i) => {
        if (!te.billable[i] || te.invoiceTask[i] !== null || te.date[i]! > today) return;
        wip.set(te.job[i]!, (wip.get(te.job[i]!) ?? 0) + (te.minutes[i]! * te.rate[i]!) / 60);
      });
      const co = data.costs;
      co.externalId.forEach((_, i) => {
        if (!co.billable[i] || co.invoice[i] !== null || co.date[i]! > today) return;
        wip.set(co.job[i]!, (wip.get(co.job[i]!) ?? 0) + co.quantity[i]! * co.unitPrice[i]!);
      });
      const total = [...wip.values()].reduce((a, b) => a + b, 0);
      expect(res.json.kpis.wip).toBeCloseTo(total, 1);
      for (const row of res.json.wipByJob.rows.slice(0, 5)) expect(row.total).toBeCloseTo(wip.get(row.jobId)!, 1);
      expect(total).toBeGreaterThan(0);
    });

    it("billable and non-billable hours and utilization by staff member", async () => {
      const f = from();
      const res = await dataOf("finance", ids.practice!, { from: f, to: today });
      let weekdays = 0;
      for (let d = Date.parse(f); d <= Date.parse(today); d += 86_400_000) if (![0, 6].includes(new Date(d).getUTCDay())) weekdays++;
      data.staff.externalId.forEach((id, s) => {
        let billable = 0;
        let nonBillable = 0;
        data.timeEntries.staff.forEach((who, i) => {
          if (who !== id || data.timeEntries.date[i]! < f || data.timeEntries.date[i]! > today) return;
          if (data.timeEntries.billable[i]) billable += data.timeEntries.minutes[i]! / 60;
          else nonBillable += data.timeEntries.minutes[i]! / 60;
        });
        const capacity = (data.staff.capacity[s]! * weekdays) / 5;
        const row = res.json.staff.rows.find((r: { staffId: string }) => r.staffId === id);
        expect(row).toMatchObject({ billableHours: round(billable), nonBillableHours: round(nonBillable), capacityHours: round(capacity) });
        expect(row.utilization).toBeCloseTo((billable / capacity) * 100, 1);
      });
    });

    it("changes with the date range", async () => {
      const a = await dataOf("finance", ids["financial-overview"]!, { from: `${today.slice(0, 4)}-01-01`, to: today });
      const b = await dataOf("finance", ids["financial-overview"]!, { from: from(), to: today });
      expect(a.json.kpis.revenue).toBeLessThan(b.json.kpis.revenue);
    });
  });

  describe("role visibility", () => {
    const expectedFor: Record<Role, string[]> = {
      admin: ["financial-overview", "practice", "procurement"],
      executive: ["financial-overview", "practice", "procurement", "metabase-finance"],
      finance: ["financial-overview", "practice", "procurement", "metabase-finance"],
      operator: ["procurement"],
      staff: ["practice"],
    };
    it.each(ROLES)("%s sees exactly its dashboards, and is refused the others", async (role) => {
      const res = await clients[role].call<{ dashboards: { key: string }[] }>(listDashboards, "/api/dashboards");
      expect(res.status).toBe(200);
      expect(res.json.dashboards.map((d) => d.key).sort()).toEqual([...expectedFor[role]].sort());
      for (const key of ["financial-overview", "practice", "procurement"]) {
        const status = (await dataOf(role, ids[key]!)).status;
        expect([key, status]).toEqual([key, expectedFor[role].includes(key) ? 200 : 403]);
      }
      const access = await clients[role].call<{ canOpen: boolean }>(getAccess, "/api/dashboards/x/access", { params: { id: ids.practice! } });
      expect(access.json.canOpen).toBe(expectedFor[role].includes("practice"));
    });

    it("lists another member's dashboards for member readers only", async () => {
      const staffId = acme.members.staff.id;
      const byAdmin = await clients.admin.call<{ dashboards: { key: string }[] }>(userDashboards, "/x", { params: { userId: staffId } });
      expect(byAdmin.json.dashboards.map((d) => d.key)).toEqual(["practice"]);
      expect((await clients.finance.call(userDashboards, "/x", { params: { userId: staffId } })).status).toBe(403);
      expect((await clients.staff.call(userDashboards, "/x", { params: { userId: staffId } })).status).toBe(200);
      expect((await clients.admin.call(userDashboards, "/x", { params: { userId: other.members.staff.id } })).status).toBe(404);
    });
  });

  describe("Metabase embedding", () => {
    it("signs a token that verifies, expires within 10 minutes and carries only the caller's organization", async () => {
      const before = Math.floor(Date.now() / 1000);
      const res = await clients.finance.call<{ embedUrl: string; expiresAt: string }>(embed, "/x", { method: "POST", params: { id: ids["metabase-finance"]! } });
      expect(res.status).toBe(200);
      const match = res.json.embedUrl.match(/^https:\/\/metabase\.example\.test\/embed\/dashboard\/([^#]+)#/);
      expect(match).not.toBeNull();
      const payload = jwt.verify(match![1]!, SECRET, { algorithms: ["HS256"] }) as Json;
      expect(payload.resource).toEqual({ dashboard: 1 });
      expect(payload.params).toEqual({ org_id: [acme.org.id] });
      expect(payload.exp - before).toBeLessThanOrEqual(600);
      expect(payload.exp - before).toBeGreaterThan(0);
      expect(Date.parse(res.json.expiresAt) / 1000).toBe(payload.exp);
      expect(() => jwt.verify(match![1]!, "another-secret-another-secret-another-secret", { algorithms: ["HS256"] })).toThrow();
      const views = await db.engine().transaction((tx) =>
        tx.one<{ n: number }>(sql`select count(*)::int as n from public.dashboard_views where dashboard_id = ${ids["metabase-finance"]!} and user_id = ${acme.members.finance.id}`));
      expect(views.n).toBe(1);
    });

    it("refuses a role the dashboard does not allow with 403, and another organization's dashboard with 404", async () => {
      const staff = await clients.staff.call(embed, "/x", { method: "POST", params: { id: ids["metabase-finance"]! } });
      expect(staff.status).toBe(403);
      expect(staff.json).toMatchObject({ code: "FORBIDDEN" });
      const foreign = await outsider.call(embed, "/x", { method: "POST", params: { id: ids["metabase-finance"]! } });
      expect(foreign.status).toBe(404);
    });

    it("hides Metabase dashboards when Metabase is not configured", async () => {
      delete process.env.METABASE_SECRET_KEY;
      reloadConfig();
      try {
        const list = await clients.finance.call<{ dashboards: { key: string }[] }>(listDashboards, "/api/dashboards");
        expect(list.json.dashboards.map((d) => d.key)).not.toContain("metabase-finance");
        expect((await clients.finance.call(embed, "/x", { method: "POST", params: { id: ids["metabase-finance"]! } })).status).toBe(404);
      } finally {
        process.env.METABASE_SECRET_KEY = SECRET;
        reloadConfig();
      }
    });
  });

  describe("configuration", () => {
    it("lets dashboards.manage reorder, restrict and disable, and nobody else", async () => {
      const config = await clients.admin.call<{ dashboards: { id: string; kind: "native" | "metabase"; metabaseDashboardId: number | null; allowedRoles: Role[]; position: number }[] }>(getConfig, "/api/dashboards/config");
      expect(config.status).toBe(200);
      expect((await clients.executive.call(getConfig, "/api/dashboards/config")).status).toBe(403);
      const practice = config.json.dashboards.find((d) => d.id === ids.practice)!;
      const body = { dashboards: [{ id: practice.id, enabled: true, position: 5, allowedRoles: ["admin", "finance"], kind: "native", metabaseDashboardId: null }] };
      expect((await clients.finance.call(putConfig, "/api/dashboards/config", { method: "PUT", body })).status).toBe(403);
      const saved = await clients.admin.call(putConfig, "/api/dashboards/config", { method: "PUT", body });
      expect(saved.status).toBe(200);
      expect((await dataOf("staff", ids.practice!)).status).toBe(403);
      const restore = { dashboards: [{ ...body.dashboards[0], position: 1, allowedRoles: ["admin", "executive", "finance", "staff"] }] };
      expect((await clients.admin.call(putConfig, "/api/dashboards/config", { method: "PUT", body: restore })).status).toBe(200);
      const foreign = { dashboards: [{ ...body.dashboards[0], id: ids.otherFinancial }] };
      expect((await clients.admin.call(putConfig, "/api/dashboards/config", { method: "PUT", body: foreign })).status).toBe(404);
    });
  });

  describe("bad input", () => {
    it.each([
      ["inverted range", { from: "2026-05-01", to: "2026-01-01" }],
      ["absurd range", { from: "2000-01-01", to: "2099-01-01" }],
      ["not a date", { from: "yesterday" }],
      ["impossible date", { from: "2026-02-31" }],
      ["unknown filter", { colour: "red" }],
      ["filter of another dashboard", { staff: "abc" }],
    ])("%s is a 422 in the flat shape", async (_label, query) => {
      const res = await dataOf("finance", ids["financial-overview"]!, query as Record<string, string>);
      expect(res.status).toBe(422);
      expect(res.json).toMatchObject({ code: "VALIDATION_FAILED", error: expect.any(String), requestId: expect.any(String) });
    });

    it("answers unknown, malformed and other organizations' ids with 404, never their numbers", async () => {
      expect((await dataOf("finance", "00000000-0000-4000-8000-000000000000")).status).toBe(404);
      expect((await dataOf("finance", "not-a-uuid")).status).toBe(404);
      const foreign = await dataOf("finance", ids.otherFinancial!);
      expect(foreign.status).toBe(404);
      expect(foreign.json.kpis).toBeUndefined();
      const own = await outsider.call<Json>(getData, "/x", { params: { id: ids.otherFinancial! } });
      expect(own.status).toBe(200);
      const mine = await dataOf("finance", ids["financial-overview"]!);
      expect(own.json.kpis.receivables).not.toBe(mine.json.kpis.receivables);
    });

    it("refreshes the rollup for the caller's organization only", async () => {
      const res = await clients.finance.call<{ rollupDays: number }>(refresh, "/x", { method: "POST", params: { id: ids["financial-overview"]! } });
      expect(res.status).toBe(200);
      expect(res.json.rollupDays).toBeGreaterThan(0);
      expect((await clients.staff.call(refresh, "/x", { method: "POST", params: { id: ids["financial-overview"]! } })).status).toBe(403);
    });
  });

  it("records each view with its user, dashboard and time, as the viewer and only in the viewer's organization", async () => {
    const staff = acme.members.staff;
    const before = Date.now();
    await asUser(staff.claims, (tx) => recordDashboardView(tx, acme.org.id, ids.practice!));
    const rows = await asUser(staff.claims, (tx) =>
      tx.query<{ user_id: string; dashboard_id: string; viewed_at: Date }>(sql`select user_id, dashboard_id, viewed_at from public.dashboard_views where dashboard_id = ${ids.practice!}`));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: staff.id, dashboard_id: ids.practice });
    expect(rows[0]!.viewed_at.getTime()).toBeGreaterThanOrEqual(before - 5_000);
    await expect(asUser(staff.claims, (tx) => recordDashboardView(tx, other.org.id, ids.otherFinancial!))).rejects.toMatchObject({ code: "42501" });
    // Admins see the organization's views; another organization's members see none of them.
    const seenByAdmin = await asUser(acme.members.admin.claims, (tx) => tx.query(sql`select 1 from public.dashboard_views where dashboard_id = ${ids.practice!}`));
    expect(seenByAdmin).toHaveLength(1);
    const seenByOutsider = await asUser(other.members.admin.claims, (tx) => tx.query(sql`select 1 from public.dashboard_views where org_id = ${acme.org.id}`));
    expect(seenByOutsider).toHaveLength(0);
  });

  it("generates the same rows from the same seed", () => {
    const a = generateFinanceData({ seed: 3, invoices: 200, asOf: "2026-06-30", currency: "NZD" });
    const b = generateFinanceData({ seed: 3, invoices: 200, asOf: "2026-06-30", currency: "NZD" });
    expect(a).toEqual(b);
    expect(a.invoices.externalId).toHaveLength(200);
    expect(a.invoices.status).toContain("PAID");
    expect(a.invoices.amountCredited.some((c) => c > 0) || a.invoices.amountPaid.some((p, i) => p > 0 && a.invoices.amountDue[i]! > 0)).toBe(true);
  });
});
