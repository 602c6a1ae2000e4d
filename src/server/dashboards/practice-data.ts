import type { Tx } from "@/server/db";
import { TABLE_PAGE_ROWS, type PracticeData } from "@/lib/dashboard-views";
import type { DateRange } from "./date-range";
import { jobBudgets } from "./job-budgets";
import { staffUtilization } from "./staff-utilization";
import { toMoney } from "./to-money";
import { wipSummary } from "./wip-summary";
import type { PracticeFilters } from "./work-in-progress";

/** Clients in the WIP chart and the client filter. */
const WIP_CLIENTS = 100;

/**
 * The Practice dashboard, set-based in SQL under the caller's RLS. Each tile is the sum (or count)
 * of its table over every row: WIP of the WIP-by-job table, hours and utilization of the staff
 * table, jobs over budget of the budget table; the tables send their first rows and their size,
 * and the sums over a table's rows are made in SQL (only the page leaves the database).
 */
export async function practiceData(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters): Promise<PracticeData> {
  const wip = await wipSummary(tx, orgId, range, filters, TABLE_PAGE_ROWS, WIP_CLIENTS);
  const staff = await staffUtilization(tx, orgId, range, filters);
  const budgets = await jobBudgets(tx, orgId, range, filters, TABLE_PAGE_ROWS);

  const billableHours = toMoney(staff.reduce((s, r) => s + r.billableHours, 0));
  const capacity = staff.reduce((s, r) => s + r.capacityHours, 0);
  return {
    view: "practice",
    kpis: {
      wip: wip.wip,
      billableHours,
      nonBillableHours: toMoney(staff.reduce((s, r) => s + r.nonBillableHours, 0)),
      utilization: capacity > 0 ? Math.round((billableHours / capacity) * 1000) / 10 : null,
      jobsOverBudget: budgets.overBudget,
    },
    wipByClient: wip.byClient,
    wipByJob: wip.byJob,
    staff,
    budgets: { rows: budgets.rows, total: budgets.jobs },
  };
}
