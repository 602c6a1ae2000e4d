/**
 * Every metric of the assistant's catalog, asked in plain language over HTTP, gives the figure an
 * independent computation from the generated demo rows gives, and the figures the dashboards show
 * for the same range. Runs on PGlite and PostgreSQL.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as ask } from "@/app/api/assistant/ask/route";
import { asUser } from "@/server/db";
import { resolveDateRange } from "@/server/dashboards/date-range";
import { financialData } from "@/server/dashboards/financial-data";
import { practiceData } from "@/server/dashboards/practice-data";
import { SEES_EVERYONE } from "@/server/dashboards/practice-viewer-scope";
import type { AskResponse } from "@/lib/assistant-views";
import type { Role } from "@/lib/permissions";
import { createAssistantWorld, FIXTURE_POS, type AssistantWorld } from "../helpers/assistant-fixtures";
import { TEST_PASSWORD } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";
import { setupTestDatabase } from "../helpers/test-db";


const db = setupTestDatabase();
const round = (n: number) => Math.round(n * 100) / 100;
const dayDiff = (a: string, b: string) => (Date.parse(a) - Date.parse(b)) / 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const monthLabel = (ym: string) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;
const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

let w: AssistantWorld;
const clients = {} as Record<Role, TestClient>;

async function askAs(role: Role, question: string, conversationId?: string): Promise<AskResponse> {
  const res = await clients[role].call<AskResponse>(ask, "/api/assistant/ask", {
    body: { question, ...(conversationId ? { conversationId } : {}) },
    headers: { "x-org-id": w.org.id },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json;
}

/** The table's column named `label` as numbers, keyed by the first column. */
function columnOf(answer: AskResponse["answer"], label: string): Map<string, number> {
  const i = answer.table!.columns.findIndex((c) => c.label === label);
  expect(i, `${label} in ${answer.table!.columns.map((c) => c.label).join(", ")}`).toBeGreaterThan(0);
  return new Map(answer.table!.rows.map((r) => [String(r[0]), Number(r[i])]));
}

// ---- Independent computations over the generated rows ---------------------------------------------

function invoiceSum(type: "ACCREC" | "ACCPAY", from: string, to: string, key: (i: number) => string = () => "all") {
  const out = new Map<string, number>();
  const inv = w.data.invoices;
  inv.externalId.forEach((_, i) => {
    if (inv.type[i] !== type || !["AUTHORISED", "PAID"].includes(inv.status[i]!) || inv.date[i]! < from || inv.date[i]! > to) return;
    out.set(key(i), (out.get(key(i)) ?? 0) + inv.subTotal[i]!);
  });
  return out;
}

function cashSum(from: string, to: string) {
  let total = 0;
  w.data.payments.externalId.forEach((_, i) => {
    if (w.data.payments.type[i] === "ACCRECPAYMENT" && w.data.payments.date[i]! >= from && w.data.payments.date[i]! <= to) total += w.data.payments.amount[i]!;
  });
  return total;
}

function owed() {
  const perContact = new Map<string, { total: number; overdue: number }>();
  const buckets = { current: 0, d30: 0, d60: 0, d90: 0, d90plus: 0, total: 0 };
  const inv = w.data.invoices;
  inv.externalId.forEach((_, i) => {
    if (inv.type[i] !== "ACCREC" || !["AUTHORISED", "SUBMITTED"].includes(inv.status[i]!) || inv.amountDue[i]! <= 0) return;
    const late = dayDiff(w.today, inv.dueDate[i]!);
    const key = late <= 0 ? "current" : late <= 30 ? "d30" : late <= 60 ? "d60" : late <= 90 ? "d90" : "d90plus";
    buckets[key] += inv.amountDue[i]!;
    buckets.total += inv.amountDue[i]!;
    const c = perContact.get(inv.contact[i]!) ?? { total: 0, overdue: 0 };
    c.total += inv.amountDue[i]!;
    if (late > 0) c.overdue += inv.amountDue[i]!;
    perContact.set(inv.contact[i]!, c);
  });
  return { perContact, buckets };
}

const contactName = (id: string) => w.data.contacts.name[w.data.contacts.externalId.indexOf(id)]!;
const staffName = (id: string) => w.data.staff.name[w.data.staff.externalId.indexOf(id)]!;

describe("assistant metrics agree with the demo rows", () => {
  let lastMonth: { from: string; to: string };
  let twelveMonths: { from: string; to: string };

  beforeAll(async () => {
    w = await createAssistantWorld(db.engine(), { slug: "ask-metrics" });
    for (const role of ["admin", "finance", "staff", "operator"] as const) {
      clients[role] = new TestClient();
      const res = await clients[role].call(login, "/api/auth/login", { body: { email: w.members[role].email, password: TEST_PASSWORD } });
      expect(res.status).toBe(200);
    }
    const [y, m] = [Number(w.today.slice(0, 4)), Number(w.today.slice(5, 7)) - 1];
    lastMonth = { from: iso(y, m - 1, 1), to: iso(y, m, 0) };
    twelveMonths = { from: iso(y, m - 11, 1), to: w.today };
  });

  it("revenue: a month's total", async () => {
    const { answer } = await askAs("finance", "What was revenue last month?");
    const expected = round(invoiceSum("ACCREC", lastMonth.from, lastMonth.to).get("all") ?? 0);
    expect(answer).toMatchObject({ kind: "answer", planner: "rules" });
    expect(answer.table!.rows[0]![1]).toBe(expected);
    expect(answer.text).toContain(new Intl.NumberFormat("en-US", { minimumFractionDigits: 2 }).format(expected));
    expect(answer.definition!.period).toMatch(/^1 /);
  });

  it("revenue: by month over the last twelve months, every month (empty ones too)", async () => {
    const { answer } = await askAs("finance", "Revenue by month over the last 12 months");
    const expected = invoiceSum("ACCREC", twelveMonths.from, twelveMonths.to, (i) => w.data.invoices.date[i]!.slice(0, 7));
    const got = columnOf(answer, "Amount");
    expect(got.size).toBe(12);
    for (const [month, value] of got) expect([month, value]).toEqual([month, round(expected.get(`${[...expected.keys()].find((k) => monthLabel(k) === month)}`) ?? 0)]);
    expect(answer.chart).toMatchObject({ kind: "line", x: "label" });
    expect(answer.chart!.data).toHaveLength(12);
  });

  it("revenue: top 5 contacts, ranked", async () => {
    const { answer } = await askAs("finance", "Top 5 customers by revenue over the last 12 months");
    const expected = [...invoiceSum("ACCREC", twelveMonths.from, twelveMonths.to, (i) => w.data.invoices.contact[i]!)]
      .sort((a, b) => b[1] - a[1]).slice(0, 5).map(([id, v]) => [contactName(id), round(v)]);
    expect(answer.table!.rows.map((r) => [r[0], r[1]])).toEqual(expected);
    expect(answer.chart).toMatchObject({ kind: "bar" });
  });

  it("revenue: compared with the same period last year, month by month", async () => {
    const { answer } = await askAs("finance", "Revenue this year vs last year");
    const y = Number(w.today.slice(0, 4));
    const thisYear = invoiceSum("ACCREC", `${y}-01-01`, w.today).get("all") ?? 0;
    const sameLastYear = invoiceSum("ACCREC", `${y - 1}-01-01`, `${y - 1}${w.today.slice(4)}`).get("all") ?? 0;
    expect(answer.table!.columns.map((c) => c.label)).toEqual(["Month", "Amount", "Compared month", "Amount (compared)"]);
    expect(answer.table!.rows.reduce((s, r) => s + Number(r[1]), 0)).toBeCloseTo(thisYear, 2);
    expect(answer.table!.rows.reduce((s, r) => s + Number(r[3] ?? 0), 0)).toBeCloseTo(sameLastYear, 2);
    expect(answer.table!.rows[0]![2]).toBe(`Jan ${y - 1}`);
    expect(answer.chart!.series.map((s) => s.key)).toEqual(["value", "compare"]);
    expect(answer.plan).toMatch(/ vs /);
  });

  it("expenses and cash received over a period", async () => {
    const y = Number(w.today.slice(0, 4));
    const expenses = await askAs("finance", `Total expenses in ${y - 1}`);
    expect(expenses.answer.table!.rows.reduce((s, r) => s + Number(r[1]), 0)).toBeCloseTo(invoiceSum("ACCPAY", `${y - 1}-01-01`, `${y - 1}-12-31`).get("all") ?? 0, 2);
    const cash = await askAs("finance", "How much cash did we receive last month?");
    expect(cash.answer.table!.rows[0]![1]).toBe(round(cashSum(lastMonth.from, lastMonth.to)));
  });

  it("receivables, overdue, aging buckets and top debtors as of today", async () => {
    const { perContact, buckets } = owed();
    const receivables = await askAs("finance", "How much are we owed?");
    const overdue = [...perContact.values()].reduce((s, c) => s + c.overdue, 0);
    expect(receivables.answer.table!.rows[0]!.slice(1)).toEqual([round(buckets.total), round(overdue)]);

    const aging = await askAs("finance", "Show the receivables aging");
    expect(aging.answer.table!.rows.map((r) => r[1])).toEqual([buckets.current, buckets.d30, buckets.d60, buckets.d90, buckets.d90plus].map(round));
    expect(aging.answer.chart).toMatchObject({ kind: "pie" });

    const top = await askAs("finance", "Who owes us the most?");
    const expected = [...perContact].sort((a, b) => b[1].total - a[1].total).slice(0, 10).map(([id, c]) => [contactName(id), round(c.total), round(c.overdue)]);
    expect(top.answer.table!.rows).toEqual(expected);
    expect(top.answer.text).toContain(expected[0]![0] as string);
  });

  it("DSO over the last twelve months", async () => {
    const { buckets } = owed();
    const revenue = invoiceSum("ACCREC", twelveMonths.from, twelveMonths.to).get("all") ?? 0;
    const days = dayDiff(twelveMonths.to, twelveMonths.from) + 1;
    const { answer } = await askAs("finance", "What is our DSO?");
    expect(answer.table!.rows[0]![1]).toBe(Math.round((round(buckets.total) / round(revenue)) * days * 10) / 10);
  });

  it("work in progress, total and by job", async () => {
    const wip = new Map<string, number>();
    const te = w.data.timeEntries;
    te.externalId.forEach((_, i) => {
      if (te.billable[i] && te.invoiceTask[i] === null && te.date[i]! <= w.today) wip.set(te.job[i]!, (wip.get(te.job[i]!) ?? 0) + (te.minutes[i]! * te.rate[i]!) / 60);
    });
    const co = w.data.costs;
    co.externalId.forEach((_, i) => {
      if (co.billable[i] && co.invoice[i] === null && co.date[i]! <= w.today) wip.set(co.job[i]!, (wip.get(co.job[i]!) ?? 0) + co.quantity[i]! * co.unitPrice[i]!);
    });
    const total = [...wip.values()].reduce((a, b) => a + round(b), 0);
    const byJob = await askAs("staff", "WIP by job");
    expect(byJob.answer.kind).toBe("answer");
    const [topJob, topValue] = [...wip].sort((a, b) => b[1] - a[1])[0]!;
    const jobIndex = w.data.jobs.externalId.indexOf(topJob);
    expect(byJob.answer.table!.rows[0]![0]).toBe(`${w.data.jobs.number[jobIndex]} ${w.data.jobs.name[jobIndex]}`);
    expect(byJob.answer.table!.rows[0]![3]).toBeCloseTo(topValue, 1);
    expect(byJob.answer.text).toContain(new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(round(total)));
  });

  it("billable hours and utilization by staff member", async () => {
    // Everyone's rows are for those who may read the finances (staff see only their own:
    // assistant-staff-scope.test.ts).
    const hours = await askAs("admin", "Billable hours by staff last month");
    const util = await askAs("admin", "Utilization by staff last month");
    let weekdays = 0;
    for (let d = Date.parse(lastMonth.from); d <= Date.parse(lastMonth.to); d += 86_400_000) if (![0, 6].includes(new Date(d).getUTCDay())) weekdays++;
    const billableCol = columnOf(hours.answer, "Billable hours");
    const utilCol = columnOf(util.answer, "Utilization %");
    w.data.staff.externalId.forEach((id, s) => {
      let billable = 0;
      w.data.timeEntries.staff.forEach((who, i) => {
        if (who === id && w.data.timeEntries.billable[i] && w.data.timeEntries.date[i]! >= lastMonth.from && w.data.timeEntries.date[i]! <= lastMonth.to) billable += w.data.timeEntries.minutes[i]! / 60;
      });
      const capacity = (w.data.staff.capacity[s]! * weekdays) / 5;
      if (billable !== 0) expect([staffName(id), billableCol.get(staffName(id))]).toEqual([staffName(id), round(billable)]);
      expect(utilCol.get(staffName(id))).toBeCloseTo((billable / capacity) * 100, 1);
    });
  });

  it("budget vs actual: jobs over budget", async () => {
    const { answer } = await askAs("finance", "Which jobs are over budget?");
    const range = twelveMonths;
    const value = new Map<string, number>();
    w.data.timeEntries.externalId.forEach((_, i) => {
      if (w.data.timeEntries.billable[i]) value.set(w.data.timeEntries.job[i]!, (value.get(w.data.timeEntries.job[i]!) ?? 0) + (w.data.timeEntries.minutes[i]! * w.data.timeEntries.rate[i]!) / 60);
    });
    w.data.costs.externalId.forEach((_, i) => {
      if (w.data.costs.billable[i]) value.set(w.data.costs.job[i]!, (value.get(w.data.costs.job[i]!) ?? 0) + w.data.costs.quantity[i]! * w.data.costs.unitPrice[i]!);
    });
    let active = 0;
    let over = 0;
    const j = w.data.jobs;
    j.externalId.forEach((id, i) => {
      if (!(j.budget[i]! > 0) || j.startDate[i]! > range.to || (j.completedDate[i] ?? j.dueDate[i]!) < range.from) return;
      active++;
      if ((value.get(id) ?? 0) > j.budget[i]!) over++;
    });
    expect(answer.text).toContain(`${over} of ${active} jobs`);
    const first = answer.table!.rows[0]!;
    expect(Number(first[4])).toBeCloseTo(Number(first[3]) - Number(first[2]), 2);
  });

  it("PO utilization by supplier and by purchase order, cancelled orders left out", async () => {
    const { answer } = await askAs("operator", "PO utilization by supplier");
    const bySupplier = new Map<string, { value: number; spent: number }>();
    for (const [, supplier, , value, amounts, status] of FIXTURE_POS) {
      if (status === "cancelled") continue;
      const s = bySupplier.get(supplier) ?? { value: 0, spent: 0 };
      s.value += value;
      s.spent += amounts.reduce((a, b) => a + b, 0);
      bySupplier.set(supplier, s);
    }
    const got = columnOf(answer, "Utilization %");
    for (const [supplier, s] of bySupplier) expect(got.get(supplier)).toBe(Math.round((s.spent / s.value) * 1000) / 10);
    expect(got.has("Scaffold Hire")).toBe(false);
    const byPo = await askAs("operator", "Top 2 purchase orders by utilization");
    expect(byPo.answer.table!.rows.map((r) => [r[0], r[r.length - 1]])).toEqual([["PO-103", "Over budget"], ["PO-101", "Critical"]]);
  });

  it("agrees with the Financial overview and Practice dashboards over their default range", async () => {
    const org = { id: w.org.id, slug: w.org.slug, name: w.org.name, timezone: "UTC", currency: "USD", role: "finance" as const, permissions: [] };
    const range = resolveDateRange({}, org.timezone);
    const [fin, prac] = await asUser(w.members.finance.claims, async (tx) => [await financialData(tx, org.id, range, {}), await practiceData(tx, org.id, range, {}, SEES_EVERYONE)] as const);
    const revenue = await askAs("finance", "Total revenue over the last 12 months");
    expect(revenue.answer.table!.rows.reduce((s, r) => s + Number(r[1]), 0)).toBeCloseTo(fin.kpis.revenue, 2);
    expect((await askAs("finance", "What is our DSO?")).answer.table!.rows[0]![1]).toBe(fin.kpis.dso);
    expect((await askAs("finance", "How much are we owed?")).answer.table!.rows[0]!.slice(1)).toEqual([fin.kpis.receivables, fin.kpis.overdue]);
    const wip = (await askAs("finance", "What is our work in progress?")).answer;
    expect(wip.table!.rows.reduce((s, r) => s + Number(r[3]), 0)).toBeCloseTo(prac.kpis.wip, 2);
    expect(wip.text).toContain(new Intl.NumberFormat("en-US", { minimumFractionDigits: 2 }).format(prac.kpis.wip));
    expect((await askAs("finance", "What was utilization over the last 12 months?")).answer.text).toContain(`${prac.kpis.utilization}%`);
    expect((await askAs("finance", "Which jobs are over budget?")).answer.text).toContain(`${prac.kpis.jobsOverBudget} of`);
  });
});
