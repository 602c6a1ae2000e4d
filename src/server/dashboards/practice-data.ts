import type { Tx } from "@/server/db";
import { STAFF_CHART_ROWS, TABLE_PAGE_ROWS, type PracticeData } from "@/lib/dashboard-views";
import type { DateRange } from "./date-range";
import { jobBudgets } from "./job-budgets";
import type { PracticeScope } from "./practice-viewer-scope";
import { staffUtilization } from "./staff-utilization";
import { wipSummary } from "./wip-summary";
import type { PracticeFilters } from "./work-in-progress";

/** Clients in the WIP chart and the client filter. */
const WIP_CLIENTS = 100;

/**
 * The Practice dashboard, set-based in SQL under the caller's RLS. Each tile is the sum (or count)
 * of its table over every row: WIP of the WIP-by-job table, hours and utilization of the staff
 * table, jobs over budget of the budget table; the tables send their first rows and their size,
 * and the sums over a table's rows are made in SQL (only the page leaves the database).
 *
 * The viewer's scope (practiceViewerScope): the tiles are the team's for everyone; the per-person
 * table and chart hold only the caller's own rows unless they may see everyone's. Jobs and clients
 * are the firm's work, not a person's, so they stay.
 */
export async function practiceData(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters, scope: PracticeScope): Promise<PracticeData> {
  const wip = await wipSummary(tx, orgId, range, filters, TABLE_PAGE_ROWS, WIP_CLIENTS);
  const staff = await staffUtilization(tx, orgId, range, filters, {
    pageRows: TABLE_PAGE_ROWS,
    chartRows: STAFF_CHART_ROWS,
    only: scope.kind === "own" ? scope.staffIds : null,
  });
  const budgets = await jobBudgets(tx, orgId, range, filters, TABLE_PAGE_ROWS);

  const { billableHours, nonBillableHours, capacityHours } = staff.totals;
  return {
    view: "practice",
    staffScope: scope.kind,
    kpis: {
      wip: wip.wip,
      billableHours,
      nonBillableHours,
      utilization: capacityHours > 0 ? Math.round((billableHours / capacityHours) * 1000) / 10 : null,
      jobsOverBudget: budgets.overBudget,
    },
    wipByClient: wip.byClient,
    wipByJob: wip.byJob,
    staff: staff.page,
    staffChart: staff.mostHours,
    budgets: { rows: budgets.rows, total: budgets.jobs },
  };
}
