import type { Tx } from "@/server/db";
import type { OrgContext } from "@/server/orgs/resolve-org";
import { practiceViewerScope } from "@/server/dashboards/practice-viewer-scope";
import { staffUtilization } from "@/server/dashboards/staff-utilization";
import { toMoney } from "@/server/dashboards/to-money";
import type { HomeFigure, HomeView } from "@/lib/home-views";
import { changeBetween } from "./change-between";

/**
 * Billable hours over the period against the previous one, from the Practice dashboard's loader and
 * under its visibility rule: a member who sees only their own work (staff) gets their own hours when
 * XPM knows them, the team's otherwise; the others the team's.
 */
export async function practiceFigures(tx: Tx, org: OrgContext, period: HomeView["period"], today: string, dashboardId: string | null): Promise<HomeFigure[]> {
  const scope = await practiceViewerScope(tx, org);
  const own = scope.kind === "own" && scope.staffIds.length > 0;
  const hours = async (from: string, to: string) => {
    const staff = await staffUtilization(tx, org.id, { from, to, today }, {}, own ? { pageRows: null, only: scope.staffIds } : { pageRows: 0 });
    return own ? toMoney(staff.page.rows.reduce((s, r) => s + r.billableHours, 0)) : staff.totals.billableHours;
  };
  const value = await hours(period.from, period.to);
  const previous = await hours(period.previousFrom, period.previousTo);
  return [
    {
      key: "billableHours",
      label: own ? "Your billable hours" : "Team billable hours",
      unit: "hours",
      value,
      previous,
      change: changeBetween(value, previous),
      higherIsBetter: true,
      trend: [],
      dashboardId,
      note: "Time recorded in Xero Practice Manager",
      secondary: null,
    },
  ];
}
