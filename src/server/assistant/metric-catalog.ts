import type { MetricDefinition } from "./metric-types";
import { aging } from "./metrics/aging";
import { billableHours } from "./metrics/billable-hours";
import { budgetVsActual } from "./metrics/budget-vs-actual";
import { cashReceived } from "./metrics/cash-received";
import { dso } from "./metrics/dso";
import { expenses } from "./metrics/expenses";
import { poUtilization } from "./metrics/po-utilization";
import { receivables } from "./metrics/receivables";
import { revenue } from "./metrics/revenue";
import { topDebtors } from "./metrics/top-debtors";
import { utilization } from "./metrics/utilization";
import { wip } from "./metrics/wip";

/**
 * Every metric the assistant can use, and nothing else: a planner may only pick from this list.
 * Adding a metric is one file under metrics/ (its definition, permission, dimensions, filters and
 * query) and one line here. Open alerts are not here yet: they join once the alerts capability
 * has its tables (another branch), as one more file.
 */
export const METRIC_CATALOG: readonly MetricDefinition[] = [
  revenue,
  expenses,
  cashReceived,
  receivables,
  aging,
  dso,
  topDebtors,
  wip,
  billableHours,
  utilization,
  budgetVsActual,
  poUtilization,
];

export function metricById(id: string): MetricDefinition | undefined {
  return METRIC_CATALOG.find((m) => m.id === id);
}
