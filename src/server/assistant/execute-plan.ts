import type { Tx } from "@/server/db";
import type { MetricDefinition, MetricQuery, MetricResult, ResolvedFilter } from "./metric-types";
import type { FilterRequest, Plan } from "./plan";
import { resolveFilters } from "./resolve-filters";

export interface ExecutedPlan {
  plan: Plan;
  metric: MetricDefinition;
  filters: ResolvedFilter[];
  /** Names from the question that matched nothing: the plan is not run. */
  unmatched: FilterRequest[];
  result: MetricResult | null;
  /** The same metric over the comparison period. */
  compared: MetricResult | null;
  /** Time spent in the metric queries (ms), for the log. */
  ms: number;
}

export interface ExecutionScope {
  orgId: string;
  today: string;
  thresholds: MetricQuery["thresholds"];
  /**
   * The caller's own XPM staff ids when they see only their own work on Practice figures (staff,
   * operators: docs/dashboards.md); null when they see everyone's.
   */
  ownStaffIds: readonly string[] | null;
}

/**
 * Runs a plan in the caller's transaction: the question's names are looked up, then the metric's
 * query runs once for the period (and once for the comparison period). Only catalog queries run.
 */
export async function executePlan(tx: Tx, scope: ExecutionScope, metric: MetricDefinition, plan: Plan): Promise<ExecutedPlan> {
  const started = performance.now();
  const { resolved, unmatched: notFound } = await resolveFilters(tx, scope.orgId, metric, plan.filters);
  let unmatched = notFound;
  if (scope.ownStaffIds && metric.dashboardView === "practice") {
    // The Practice rule (practice-viewer-scope.ts): a colleague's figures are not the caller's to see, so
    // their name matches nothing; "by staff member" is the caller's own row (or the team's total without one).
    const own = scope.ownStaffIds;
    unmatched = [...unmatched, ...resolved.filter((f) => f.kind === "staff" && !own.includes(f.id)).map((f) => ({ kind: "staff" as const, text: f.name }))];
    if (plan.dimension === "staff") {
      if (own[0] !== undefined && !resolved.some((f) => f.kind === "staff")) resolved.push({ kind: "staff", id: own[0], name: "you" });
      if (own.length === 0) plan = { ...plan, dimension: null };
    }
  }
  if (unmatched.length > 0) return { plan, metric, filters: resolved, unmatched, result: null, compared: null, ms: performance.now() - started };
  const query = (period: Plan["period"], topN: number | null): MetricQuery => ({
    orgId: scope.orgId, period, today: scope.today, dimension: plan.dimension, filters: resolved, topN, thresholds: scope.thresholds,
  });
  const result = await metric.run(tx, query(plan.period, plan.topN));
  // The comparison covers every row, so each of the first period's rows finds its counterpart.
  const compared = plan.compare ? await metric.run(tx, query(plan.compare, plan.dimension && !["month", "quarter", "year"].includes(plan.dimension) ? null : plan.topN)) : null;
  return { plan, metric, filters: resolved, unmatched, result, compared, ms: performance.now() - started };
}
