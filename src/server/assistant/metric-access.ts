import type { Tx } from "@/server/db";
import { listVisibleDashboards } from "@/server/dashboards/list-visible-dashboards";
import type { OrgContext } from "@/server/orgs/resolve-org";
import { METRIC_CATALOG } from "./metric-catalog";
import type { DashboardView, MetricDefinition } from "./metric-types";

const VIEW_TITLES: Record<DashboardView, string> = { financial: "Financial overview", practice: "Practice", procurement: "Procurement" };

export interface MetricAccess {
  /** What the caller may ask about: the only metrics a planner is given. */
  available: MetricDefinition[];
  /** Why each other metric is refused, in words for the person asking. */
  refused: Map<string, string>;
}

/**
 * A caller may use a metric when their role holds its permission and they may open a dashboard
 * that shows it: the assistant answers what the caller's dashboards show, nothing more. RLS still
 * applies to every query whatever this decides.
 */
export async function metricAccess(tx: Tx, org: OrgContext): Promise<MetricAccess> {
  const views = new Set((await listVisibleDashboards(tx, org)).map((d) => d.nativeView).filter((v): v is DashboardView => v !== null));
  const available: MetricDefinition[] = [];
  const refused = new Map<string, string>();
  const yours = [...views].map((v) => VIEW_TITLES[v]);
  const seeInstead = yours.length ? ` Your dashboards here: ${yours.join(", ")}.` : "";
  for (const metric of METRIC_CATALOG) {
    if (!org.permissions.includes(metric.permission)) {
      refused.set(
        metric.id,
        `${metric.label} comes from the ${VIEW_TITLES[metric.dashboardView]} data, which needs the ${metric.permission} permission; your role (${org.role}) does not have it.${seeInstead}`,
      );
    } else if (!views.has(metric.dashboardView)) {
      refused.set(metric.id, `${metric.label} is on the ${VIEW_TITLES[metric.dashboardView]} dashboard, which your role (${org.role}) may not open in this organization.${seeInstead}`);
    } else {
      available.push(metric);
    }
  }
  return { available, refused };
}
