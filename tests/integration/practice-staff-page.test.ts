/**
 * A firm with more staff than a page: the Practice dashboard sends the utilization table's first
 * rows (highest first) with its size, the hours chart's busiest members, and tiles over everyone;
 * the CSV has every row, and a member who sees only their own row gets it wherever it ranks.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "@/server/db";
import { isoDateIn, resolveDateRange } from "@/server/dashboards/date-range";
import { practiceData } from "@/server/dashboards/practice-data";
import { SEES_EVERYONE } from "@/server/dashboards/practice-viewer-scope";
import { dashboardTableRows } from "@/server/dashboards/dashboard-table-rows";
import { STAFF_CHART_ROWS, TABLE_PAGE_ROWS, type StaffRow } from "@/lib/dashboard-views";
import { toMoney } from "@/server/dashboards/to-money";
import { createOrg } from "../helpers/fixtures";
import { rawPracticeData } from "../helpers/raw-practice-data";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();
const STAFF = TABLE_PAGE_ROWS + 40;

describe("Practice staff beyond one page", () => {
  let orgId: string;
  const range = () => resolveDateRange({}, "UTC");

  beforeAll(async () => {
    orgId = (await createOrg(db.engine(), "staff-page")).id;
    const today = isoDateIn("UTC");
    await db.asService(async (tx) => {
      // Member i works i × 7 minutes a day for the last 20 days, a third of it non-billable; capacities
      // vary so that utilization and hours rank the members differently. Every tenth recorded nothing.
      await tx.query(sql`
        insert into public.xpm_staff (org_id, external_id, name, weekly_capacity_hours)
        select ${orgId}, 'st-' || lpad(i::text, 4, '0'), 'Member ' || lpad(((i * 37) % ${STAFF})::text, 4, '0'), 10 + (i * 13) % 30
        from generate_series(1, ${STAFF}) i`);
      await tx.query(sql`
        insert into public.xpm_time_entries (org_id, external_id, job_external_id, staff_external_id, entry_date, minutes, billable, billable_rate)
        select ${orgId}, 'te-' || i || '-' || d || '-' || b::int, 'job-1', 'st-' || lpad(i::text, 4, '0'), ${today}::date - d,
               case when b then i * 5 else i * 2 end, b, 100
        from generate_series(1, ${STAFF}) i, generate_series(0, 19) d, (values (true), (false)) v(b)
        where i % 10 <> 0`);
    });
  }, 120_000);

  it("sends the table's first rows by utilization, the busiest members for the chart, and tiles over all", async () => {
    const data = await db.asService((tx) => practiceData(tx, orgId, range(), {}, SEES_EVERYONE));
    expect(data.staff.total).toBe(STAFF);
    expect(data.staff.rows).toHaveLength(TABLE_PAGE_ROWS);
    const used = data.staff.rows.map((r) => r.utilization ?? -1);
    expect(used).toEqual([...used].sort((a, b) => b - a));
    const hours = (r: StaffRow) => r.billableHours + r.nonBillableHours;
    expect(data.staffChart).toHaveLength(STAFF_CHART_ROWS);
    expect(data.staffChart.map(hours)).toEqual([...data.staffChart.map(hours)].sort((a, b) => b - a));
    // The busiest member recorded most: (STAFF - 1 or STAFF) × 7 minutes × 20 days.
    expect(data.staffChart[0]!.staffId).toBe(`st-${String(STAFF - 1).padStart(4, "0")}`);

    // The tiles are the sums of the whole table, which the CSV has.
    const all = (await db.asService((tx) => dashboardTableRows(tx, orgId, "utilization", range(), {}, null))) as StaffRow[];
    expect(all).toHaveLength(STAFF);
    expect(all.slice(0, TABLE_PAGE_ROWS)).toEqual(data.staff.rows);
    expect(data.kpis.billableHours).toBe(toMoney(all.reduce((s, r) => s + r.billableHours, 0)));
    expect(data.kpis.nonBillableHours).toBe(toMoney(all.reduce((s, r) => s + r.nonBillableHours, 0)));

    // And all of it is what the raw rows say.
    expect(data).toEqual(await db.asService((tx) => rawPracticeData(tx, orgId, range(), {})));
  });

  it("a member who sees only their own row gets it, however far down the table it ranks, with the team's tiles", async () => {
    const everyone = await db.asService((tx) => practiceData(tx, orgId, range(), {}, SEES_EVERYONE));
    const all = (await db.asService((tx) => dashboardTableRows(tx, orgId, "utilization", range(), {}, null))) as StaffRow[];
    const last = all[all.length - 1]!;
    const own = await db.asService((tx) => practiceData(tx, orgId, range(), {}, { kind: "own", staffIds: [last.staffId] }));
    expect(own.staffScope).toBe("own");
    expect(own.staff).toEqual({ rows: [last], total: 1 });
    expect(own.kpis).toEqual(everyone.kpis);
    const csv = await db.asService((tx) => dashboardTableRows(tx, orgId, "utilization", range(), {}, [last.staffId]));
    expect(csv).toEqual([last]);
  });
});
