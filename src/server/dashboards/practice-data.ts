import type { Tx } from "@/server/db";
import { TABLE_PAGE_ROWS, type PracticeData, type WipClientRow } from "@/lib/dashboard-views";
import type { DateRange } from "./date-range";
import { jobBudgets } from "./job-budgets";
import { staffUtilization } from "./staff-utilization";
import { toMoney } from "./to-money";
import { workInProgress, type PracticeFilters } from "./work-in-progress";

/** Clients in the WIP chart and the client filter. */
const WIP_CLIENTS = 100;

/**
 * The Practice dashboard, set-based in SQL under the caller's RLS. Each tile is the sum (or count)
 * of its table over every row: WIP of the WIP-by-job table, hours and utilization of the staff
 * table, jobs over budget of the budget table; the tables send their first rows and their size.
 */
export async function practiceData(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters): Promise<PracticeData> {
  const wipByJob = await workInProgress(tx, orgId, range, filters);
  const clients = new Map<string, WipClientRow>();
  for (const r of wipByJob) {
    const c = clients.get(r.clientId) ?? { clientId: r.clientId, client: r.client, time: 0, costs: 0, total: 0 };
    c.time = toMoney(c.time + r.time);
    c.costs = toMoney(c.costs + r.costs);
    c.total = toMoney(c.total + r.total);
    clients.set(r.clientId, c);
  }
  const staff = await staffUtilization(tx, orgId, range, filters);
  const budgets = await jobBudgets(tx, orgId, range, filters, TABLE_PAGE_ROWS);

  const billableHours = toMoney(staff.reduce((s, r) => s + r.billableHours, 0));
  const capacity = staff.reduce((s, r) => s + r.capacityHours, 0);
  return {
    view: "practice",
    kpis: {
      wip: toMoney(wipByJob.reduce((s, r) => s + r.total, 0)),
      billableHours,
      nonBillableHours: toMoney(staff.reduce((s, r) => s + r.nonBillableHours, 0)),
      utilization: capacity > 0 ? Math.round((billableHours / capacity) * 1000) / 10 : null,
      jobsOverBudget: budgets.overBudget,
    },
    wipByClient: [...clients.values()].sort((a, b) => b.total - a.total).slice(0, WIP_CLIENTS),
    wipByJob: { rows: wipByJob.slice(0, TABLE_PAGE_ROWS), total: wipByJob.length },
    staff,
    budgets: { rows: budgets.rows, total: budgets.jobs },
  };
}
