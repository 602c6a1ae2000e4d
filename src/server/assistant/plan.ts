import { DIMENSION_LABELS, TIME_DIMENSIONS, type Dimension, type FilterKind, type MetricDefinition, type ResolvedFilter } from "./metric-types";
import { asOfLabel, daysBetween, type Period } from "./periods";

/** A name the question filters by, before it is looked up in the organization's own data. */
export interface FilterRequest {
  /** What the question called it ("client", "supplier"…), or null to try the metric's kinds in order. */
  kind: FilterKind | null;
  text: string;
}

/**
 * What a planner decided to compute: one metric from the catalog with a dimension, a period (and
 * maybe a second one to compare with), filters and a top-N. Plans are data; only the catalog's own
 * queries turn them into figures.
 */
export interface Plan {
  metric: string;
  dimension: Dimension | null;
  period: Period;
  compare: Period | null;
  topN: number | null;
  filters: FilterRequest[];
  /** Assumptions made on the way ("receivables are measured today; the period was not applied"). */
  notes: string[];
}

/** Largest top-N a question may ask for. */
export const MAX_TOP_N = 50;

const ENTITY_DIMENSIONS: readonly Dimension[] = ["contact", "client", "staff", "job", "supplier", "po"];

/**
 * Makes a plan fit its metric: a dimension, filter, comparison or period the metric cannot use is
 * dropped with a note saying so, never silently; a time breakdown of a single month becomes a total.
 */
export function fitPlan(plan: Plan, metric: MetricDefinition, today: string, periodAsked = true): Plan {
  const notes = [...plan.notes];
  let { dimension, compare, topN, period } = plan;
  if (dimension && !metric.dimensions.includes(dimension)) {
    notes.push(`${metric.label} cannot be broken down by ${DIMENSION_LABELS[dimension].singular}; ${metric.defaultDimension ? `shown by ${DIMENSION_LABELS[metric.defaultDimension].singular}` : "showing the total"} instead.`);
    dimension = metric.defaultDimension;
  }
  if (topN !== null && (!dimension || !ENTITY_DIMENSIONS.includes(dimension))) {
    const entity = metric.dimensions.find((d) => ENTITY_DIMENSIONS.includes(d)) ?? null;
    if (entity && metric.ranked) dimension = entity;
    else topN = null;
  }
  if (topN !== null) topN = Math.max(1, Math.min(MAX_TOP_N, topN));
  if (metric.periodUse === "as-of" && metric.id !== "wip") {
    if (periodAsked && plan.period.phrase !== "today" && plan.period.from !== today) {
      notes.push(`${metric.label} is a balance measured today (${asOfLabel(today).slice(6)}); the period asked for does not change it.`);
    }
    period = { from: today, to: today, label: asOfLabel(today), phrase: "today", grain: "day" };
  }
  if (metric.periodUse === "none" && periodAsked) {
    notes.push(`${metric.label} shows current figures; the period asked for does not apply.`);
  }
  if (compare && metric.periodUse !== "range") {
    notes.push(`${metric.label} is not compared between periods (it is measured today).`);
    compare = null;
  }
  if (dimension && TIME_DIMENSIONS.includes(dimension) && metric.periodUse === "range" && daysBetween(period.from, period.to) <= 31 && dimension === "month") {
    dimension = null;
  }
  // Contacts, clients and suppliers are one idea in three systems: a "customer" filter on a practice
  // metric is its client.
  const family: FilterKind[] = ["contact", "client", "supplier"];
  const fitted = plan.filters.map((f) =>
    f.kind && !metric.filters.includes(f.kind) && family.includes(f.kind) ? { ...f, kind: family.find((k) => metric.filters.includes(k)) ?? f.kind } : f,
  );
  const filters = fitted.filter((f) => {
    if (f.kind === null || metric.filters.includes(f.kind)) return true;
    notes.push(`${metric.label} cannot be filtered by ${f.kind}; "${f.text}" was not applied.`);
    return false;
  });
  if (metric.filters.length === 0 && filters.length > 0) {
    notes.push(`${metric.label} is not filtered by name; ${filters.map((f) => `"${f.text}"`).join(", ")} was not applied.`);
    return { ...plan, dimension, compare, topN, period, filters: [], notes };
  }
  return { ...plan, dimension, compare, topN, period, filters, notes };
}

/** "Revenue by month, 1 Jul – 30 Sep 2026 vs 1 Jul – 30 Sep 2025, for Harbour Builders Ltd, top 5" */
export function describePlan(plan: Plan, metric: MetricDefinition, filters: ResolvedFilter[] = []): string {
  const parts = [metric.label + (plan.dimension && plan.dimension !== "bucket" ? ` by ${DIMENSION_LABELS[plan.dimension].singular}` : plan.dimension === "bucket" ? " by days past due" : "")];
  if (metric.periodUse === "range") parts.push(plan.compare ? `${plan.period.label} vs ${plan.compare.label}` : plan.period.label);
  // WIP is measured at the end of its period; the other balances today (their period is today).
  else if (metric.id === "wip") parts.push(asOfLabel(plan.period.to));
  else if (metric.periodUse === "as-of") parts.push(plan.period.label);
  else parts.push("current");
  const named = filters.length ? filters.map((f) => f.name) : plan.filters.map((f) => f.text);
  if (named.length) parts.push(`for ${named.join(", ")}`);
  if (plan.topN !== null) parts.push(`top ${plan.topN}`);
  return parts.join(", ");
}
