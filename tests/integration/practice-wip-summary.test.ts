/**
 * The Practice dashboard's WIP, summed in SQL (wipSummary), is what the table's rows add up to: the
 * same as the raw computation, with clients level on WIP in the order of their first job in the
 * table, a half-cent cost rounded as the table rounds it, and the page the first rows of the CSV.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "@/server/db";
import { isoDateIn, resolveDateRange } from "@/server/dashboards/date-range";
import { practiceData } from "@/server/dashboards/practice-data";
import { SEES_EVERYONE } from "@/server/dashboards/practice-viewer-scope";
import { workInProgress } from "@/server/dashboards/work-in-progress";
import { generateFinanceData } from "@/server/demo/generate-finance-data";
import { insertFinanceData } from "@/server/demo/insert-finance-data";
import { TABLE_PAGE_ROWS } from "@/lib/dashboard-views";
import { createOrg } from "../helpers/fixtures";
import { rawPracticeData } from "../helpers/raw-practice-data";
import { setupTestDatabase } from "../helpers/test-db";


const db = setupTestDatabase();

describe("WIP summed in SQL", () => {
  let orgId: string;
  const range = () => resolveDateRange({}, "UTC");

  beforeAll(async () => {
    orgId = (await createOrg(db.engine(), "wip-summary")).id;
    const today = isoDateIn("UTC");
    await db.asService(async (tx) => {
      await insertFinanceData(tx, orgId, generateFinanceData({ seed: 5, invoices: 4_000, asOf: today, currency: "USD" }));
      // Four clients level on WIP, far above the generated ones. A and B have one job each (A's
      // number is lower); C and D have two, level on their largest too, and D's largest has the
      // lower number: the table lists A, B, D, C's jobs first, and so must the chart.
      const clients = [["tie-a", "Tie A"], ["tie-b", "Tie B"], ["tie-c", "Tie C"], ["tie-d", "Tie D"], ["half", "Half cent"]];
      for (const [id, name] of clients) {
        await tx.query(sql`insert into public.xpm_clients (org_id, external_id, name) values (${orgId}, ${id}, ${name})`);
      }
      const jobs: [string, string, string, number][] = [
        ["job-a", "J900001", "tie-a", 1_000_000], ["job-b", "J900002", "tie-b", 1_000_000],
        ["job-c1", "J900003", "tie-c", 600_000], ["job-c2", "J900004", "tie-c", 400_000],
        ["job-d1", "J899999", "tie-d", 600_000], ["job-d2", "J900005", "tie-d", 400_000],
      ];
      for (const [id, number, client, price] of jobs) {
        await tx.query(sql`insert into public.xpm_jobs (org_id, external_id, job_number, client_external_id, name, state, start_date)
          values (${orgId}, ${id}, ${number}, ${client}, ${`Job ${number}`}, 'In Progress', ${today})`);
        await tx.query(sql`insert into public.xpm_costs (org_id, external_id, job_external_id, cost_date, quantity, unit_price, billable)
          values (${orgId}, ${`cost-${id}`}, ${id}, ${today}, 1, ${price}, true)`);
      }
      // 1.5 × 0.67 = 1.005: JavaScript's Number("1.005") * 100 is 100.4999…, so the table has always shown
      // 1.00 (SQL's round() would say 1.01).
      await tx.query(sql`insert into public.xpm_jobs (org_id, external_id, job_number, client_external_id, name, state, start_date)
        values (${orgId}, 'job-half', 'J950000', 'half', 'Half a cent', 'In Progress', ${today})`);
      await tx.query(sql`insert into public.xpm_costs (org_id, external_id, job_external_id, cost_date, quantity, unit_price, billable)
        values (${orgId}, 'cost-half', 'job-half', ${today}, 1.5, 0.67, true)`);
    });
  }, 120_000);

  it("equals the raw computation, unfiltered and for one client", async () => {
    await db.asService(async (tx) => {
      for (const filters of [{}, { client: "tie-c" }, { client: "half" }]) {
        expect(await practiceData(tx, orgId, range(), filters, SEES_EVERYONE), JSON.stringify(filters)).toEqual(await rawPracticeData(tx, orgId, range(), filters));
      }
    });
  });

  it("orders clients level on WIP by their first job in the table", async () => {
    const data = await db.asService((tx) => practiceData(tx, orgId, range(), {}, SEES_EVERYONE));
    expect(data.wipByClient.slice(0, 4).map((c) => c.clientId)).toEqual(["tie-a", "tie-b", "tie-d", "tie-c"]);
    expect(data.wipByClient.slice(0, 4).map((c) => c.total)).toEqual([1_000_000, 1_000_000, 1_000_000, 1_000_000]);
    expect(data.wipByJob.rows.slice(0, 2).map((j) => j.jobNumber)).toEqual(["J900001", "J900002"]);
  });

  it("rounds a half cent as the table always has", async () => {
    const data = await db.asService((tx) => practiceData(tx, orgId, range(), { client: "half" }, SEES_EVERYONE));
    expect(data.wipByJob.rows).toMatchObject([{ jobNumber: "J950000", costs: 1, total: 1 }]);
    expect(data.kpis.wip).toBe(1);
    expect(data.wipByClient).toEqual([{ clientId: "half", client: "Half cent", time: 0, costs: 1, total: 1 }]);
  });

  it("sends the first rows of the CSV's table, its size and its sum", async () => {
    await db.asService(async (tx) => {
      const all = await workInProgress(tx, orgId, range(), {});
      const data = await practiceData(tx, orgId, range(), {}, SEES_EVERYONE);
      expect(all.length).toBeGreaterThan(TABLE_PAGE_ROWS);
      expect(data.wipByJob.rows).toEqual(all.slice(0, TABLE_PAGE_ROWS));
      expect(data.wipByJob.total).toBe(all.length);
      expect(Math.round(data.kpis.wip * 100)).toBe(all.reduce((s, r) => s + Math.round(r.total * 100), 0));
    });
  });
});
