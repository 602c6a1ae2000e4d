import type { Tx } from "@/server/db";
import { TOP_DEBTORS, type DashboardTableKey } from "@/lib/dashboard-views";
import type { DateRange } from "./date-range";
import { jobBudgets } from "./job-budgets";
import { receivablesAging } from "./receivables-aging";
import { staffUtilization } from "./staff-utilization";
import { toMoney } from "./to-money";
import { workInProgress } from "./work-in-progress";

/** Every row of one dashboard table, in the table's order: the same queries the dashboard pages from. */
export async function dashboardTableRows(
  tx: Tx,
  orgId: string,
  table: DashboardTableKey,
  range: DateRange,
  filters: { contact?: string; client?: string; staff?: string },
  /** The staff members a viewer who sees only their own rows may list (practiceViewerScope), or null. */
  only: readonly string[] | null,
): Promise<object[]> {
  switch (table) {
    case "receivables-aging":
      return (await receivablesAging(tx, orgId, range, filters, null)).rows;
    case "top-debtors":
      return (await receivablesAging(tx, orgId, range, filters, TOP_DEBTORS)).rows.map((r) => ({
        contactId: r.contactId, name: r.name, total: r.total, overdue: toMoney(r.total - r.current),
      }));
    case "utilization":
      return (await staffUtilization(tx, orgId, range, filters, { pageRows: null, only })).page.rows;
    case "wip-by-job":
      return workInProgress(tx, orgId, range, filters);
    case "job-budgets":
      return (await jobBudgets(tx, orgId, range, filters, null)).rows;
  }
}
