/**
 * Every tile of the native dashboards against the table under it, over the API: each table sends
 * its first rows and its size, its CSV export holds every row it claims, and each tile is the sum
 * (or count) of that whole table, not of the rows the page shows. The organization has the demo's
 * size (20,000 invoices), where the tables run past the rows a page sends.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getData } from "@/app/api/dashboards/[id]/data/route";
import { GET as exportTable } from "@/app/api/dashboards/[id]/export/route";
import { sql } from "@/server/db";
import { ensureDefaultDashboards } from "@/server/dashboards/default-dashboards";
import { isoDateIn } from "@/server/dashboards/date-range";
import { generateFinanceData } from "@/server/demo/generate-finance-data";
import { insertFinanceData } from "@/server/demo/insert-finance-data";
import { refreshFinanceRollups } from "@edge-shared/finance/refresh-finance-rollups.ts";
import { TABLE_PAGE_ROWS, type DashboardTableKey, type FinancialData, type PracticeData, type TablePage } from "@/lib/dashboard-views";
import { createOrgWithMembers } from "../helpers/fixtures";
import type { TestClient } from "../helpers/http-client";
import { csvRecords } from "../helpers/parse-csv";
import { signIn } from "../helpers/sign-in";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();
const cents = (n: number) => Math.round(n * 100);
const sum = (rows: Record<string, string>[], column: string) => rows.reduce((s, r) => s + Number(r[column]), 0);

describe("dashboard tiles agree with their tables", () => {
  let world: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let finance: TestClient;
  let staff: TestClient;
  let outsider: TestClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    world = await createOrgWithMembers(db.engine(), "tiles");
    const other = await createOrgWithMembers(db.engine(), "tiles-other");
    const data = generateFinanceData({ seed: 1234, invoices: 20_000, asOf: isoDateIn("UTC"), currency: "USD" });
    await db.asOwner(async (tx) => {
      await ensureDefaultDashboards(tx, world.org.id, { withMetabase: false });
      await ensureDefaultDashboards(tx, other.org.id, { withMetabase: false });
      await insertFinanceData(tx, world.org.id, data);
      await refreshFinanceRollups(tx, world.org.id);
      for (const r of await tx.query<{ key: string; id: string }>(sql`select key, id from public.dashboards where org_id = ${world.org.id}`)) ids[r.key] = r.id;
    });
    finance = await signIn(world.members.finance.email);
    staff = await signIn(world.members.staff.email);
    outsider = await signIn(other.members.admin.email);
  }, 120_000);

  const data = async <T,>(client: TestClient, id: string, query: Record<string, string>) => {
    const res = await client.call<T>(getData, `/api/dashboards/${id}/data`, { params: { id }, query, headers: { "x-org-id": world.org.slug } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return res.json;
  };

  /** The CSV download of one table: a plain navigation, so the organization travels as ?org=. */
  /** The export route with a CSV answer wrapped in JSON (the test client reads JSON), errors as they are. */
  const exportAsJson: typeof exportTable = async (req, ctx) => {
    const answer = await exportTable(req, ctx);
    return answer.ok ? Response.json({ csv: await answer.text(), type: answer.headers.get("content-type"), disposition: answer.headers.get("content-disposition") }) : answer;
  };

  async function csv(client: TestClient, id: string, table: DashboardTableKey, query: Record<string, string>) {
    const res = await client.call<{ csv: string }>(exportAsJson, `/api/dashboards/${id}/export`, { params: { id }, query: { ...query, table, org: world.org.slug } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return { rows: csvRecords(res.json.csv), meta: res.json as unknown as { type: string; disposition: string } };
  }

  /** The page's rows are the CSV's first rows, and the CSV has as many rows as the table says. */
  function expectPageOf<Row extends object>(page: TablePage<Row>, rows: Record<string, string>[], key: keyof Row & string, column: string) {
    expect(rows).toHaveLength(page.total);
    expect(page.rows).toHaveLength(Math.min(page.total, TABLE_PAGE_ROWS));
    expect(page.rows.map((r) => String(r[key]))).toEqual(rows.slice(0, page.rows.length).map((r) => r[column]));
  }

  const ranges = (): Record<string, string>[] => {
    const today = isoDateIn("UTC");
    return [{}, { from: `${Number(today.slice(0, 4)) - 2}-01-01`, to: today }];
  };

  it("Practice: WIP, hours, utilization and jobs over budget are the sums of their whole tables", async () => {
    for (const range of ranges()) {
      const page = await data<PracticeData>(finance, ids.practice!, range);
      const wip = await csv(finance, ids.practice!, "wip-by-job", range);
      const budgets = await csv(finance, ids.practice!, "job-budgets", range);
      const utilization = await csv(finance, ids.practice!, "utilization", range);

      expectPageOf(page.wipByJob, wip.rows, "jobNumber", "Job");
      expectPageOf(page.budgets, budgets.rows, "jobNumber", "Job");
      expectPageOf(page.staff, utilization.rows, "name", "Staff member");

      expect(cents(page.kpis.wip)).toBe(cents(sum(wip.rows, "WIP (USD)")));
      expect(page.kpis.jobsOverBudget).toBe(budgets.rows.filter((r) => Number(r["Over (+) / under (−) (USD)"]) > 0).length);
      expect(cents(page.kpis.billableHours)).toBe(cents(sum(utilization.rows, "Billable h")));
      expect(cents(page.kpis.nonBillableHours)).toBe(cents(sum(utilization.rows, "Non-billable h")));
      const capacity = sum(utilization.rows, "Capacity h");
      expect(page.kpis.utilization).toBe(Math.round((page.kpis.billableHours / capacity) * 1000) / 10);

      // The demo-sized practice runs past one page: the page says so, the CSV has the rest.
      if (Object.keys(range).length === 0) {
        expect(page.wipByJob.total).toBeGreaterThan(TABLE_PAGE_ROWS);
        expect(page.budgets.total).toBeGreaterThan(TABLE_PAGE_ROWS);
        expect(page.kpis.jobsOverBudget).toBeGreaterThan(TABLE_PAGE_ROWS);
      }
    }
  }, 60_000);

  it("Practice with a client filter: the tiles follow the filtered tables", async () => {
    const all = await data<PracticeData>(finance, ids.practice!, {});
    const client = all.wipByClient[0]!.clientId;
    const page = await data<PracticeData>(finance, ids.practice!, { client });
    const wip = await csv(finance, ids.practice!, "wip-by-job", { client });
    const budgets = await csv(finance, ids.practice!, "job-budgets", { client });
    expectPageOf(page.wipByJob, wip.rows, "jobNumber", "Job");
    expect(cents(page.kpis.wip)).toBe(cents(sum(wip.rows, "WIP (USD)")));
    expect(page.kpis.jobsOverBudget).toBe(budgets.rows.filter((r) => Number(r["Over (+) / under (−) (USD)"]) > 0).length);
    expect(page.kpis.wip).toBeLessThan(all.kpis.wip);
  });

  it("Financial overview: receivables and overdue are the sums of the whole aging table; revenue, expenses and cash of the months", async () => {
    for (const range of ranges()) {
      const page = await data<FinancialData>(finance, ids["financial-overview"]!, range);
      const aging = await csv(finance, ids["financial-overview"]!, "receivables-aging", range);
      const top = await csv(finance, ids["financial-overview"]!, "top-debtors", range);

      expectPageOf(page.aging.byContact, aging.rows, "name", "Contact");
      expect(cents(page.kpis.receivables)).toBe(cents(sum(aging.rows, "Total (USD)")));
      expect(cents(page.kpis.overdue)).toBe(cents(sum(aging.rows, "Total (USD)") - sum(aging.rows, "Current (USD)")));
      for (const [bucket, column] of [["current", "Current"], ["days1to30", "1–30"], ["days31to60", "31–60"], ["days61to90", "61–90"], ["days90plus", "90+"]] as const) {
        expect(cents(page.aging.totals[bucket]), bucket).toBe(cents(sum(aging.rows, `${column} (USD)`)));
      }
      expect(top.rows.map((r) => [r.Contact, r["Owed (USD)"]])).toEqual(aging.rows.slice(0, 10).map((r) => [r.Contact, r["Total (USD)"]]));
      expect(page.topDebtors.map((r) => r.name)).toEqual(top.rows.map((r) => r.Contact));

      expect(cents(page.kpis.revenue)).toBe(cents(page.monthly.reduce((s, m) => s + m.revenue, 0)));
      expect(cents(page.kpis.expenses)).toBe(cents(page.monthly.reduce((s, m) => s + m.expenses, 0)));
      expect(cents(page.kpis.cashReceived)).toBe(cents(page.monthly.reduce((s, m) => s + m.cashReceived, 0)));
    }
  }, 60_000);

  it("a download is a CSV attachment named after the table and range, with the currency in money headers", async () => {
    const today = isoDateIn("UTC");
    const { meta, rows } = await csv(finance, ids.practice!, "wip-by-job", { from: "2025-01-01", to: today });
    expect(meta.type).toBe("text/csv; charset=utf-8");
    expect(meta.disposition).toBe(`attachment; filename="wip-by-job-2025-01-01-to-${today}.csv"`);
    expect(Object.keys(rows[0]!)).toEqual(["Job", "Name", "Client", "Time (USD)", "Costs (USD)", "WIP (USD)"]);
  });

  it("exports only what the caller may read, and only tables of that dashboard", async () => {
    const call = (client: TestClient, id: string, query: Record<string, string>, org = world.org.slug) =>
      client.call(exportAsJson, `/api/dashboards/${id}/export`, { params: { id }, query: { ...query, org } });
    // Staff may open Practice, not the Financial overview (no finance.read).
    expect((await call(staff, ids.practice!, { table: "wip-by-job" })).status).toBe(200);
    expect((await call(staff, ids["financial-overview"]!, { table: "receivables-aging" })).status).toBe(403);
    // Another organization's member: its dashboards do not exist for them.
    expect((await call(outsider, ids.practice!, { table: "wip-by-job" })).status).toBe(404);
    const mismatched = await call(finance, ids.practice!, { table: "receivables-aging" });
    expect(mismatched.status).toBe(404);
    const unknown = await call(finance, ids.practice!, { table: "salaries" });
    expect(unknown.status).toBe(422);
    expect(unknown.json).toMatchObject({ code: "VALIDATION_FAILED", details: { table: [expect.stringMatching(/Choose one of/)] } });
    const wrongFilter = await call(finance, ids.practice!, { table: "wip-by-job", contact: "abc" });
    expect(wrongFilter.status).toBe(422);
  });
});
