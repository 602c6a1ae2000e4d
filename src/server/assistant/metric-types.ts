import type { Tx } from "@/server/db";
import type { Permission } from "@/lib/permissions";
import type { FigureUnit } from "@/lib/assistant-views";
import type { Period } from "./periods";

/**
 * The semantic layer's vocabulary. A metric is the only thing a planner can ask for: a named,
 * permission-checked, parameterized query run as the user (RLS applies). Planners choose a metric,
 * a dimension, a period, filters and a top-N; they never see or write SQL.
 */

export const DIMENSIONS = ["month", "quarter", "year", "contact", "client", "staff", "job", "supplier", "bucket", "po"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const TIME_DIMENSIONS: readonly Dimension[] = ["month", "quarter", "year"];

export const DIMENSION_LABELS: Record<Dimension, { singular: string; plural: string }> = {
  month: { singular: "month", plural: "months" },
  quarter: { singular: "quarter", plural: "quarters" },
  year: { singular: "year", plural: "years" },
  contact: { singular: "contact", plural: "contacts" },
  client: { singular: "client", plural: "clients" },
  staff: { singular: "staff member", plural: "staff members" },
  job: { singular: "job", plural: "jobs" },
  supplier: { singular: "supplier", plural: "suppliers" },
  bucket: { singular: "aging bucket", plural: "aging buckets" },
  po: { singular: "purchase order", plural: "purchase orders" },
};

export const FILTER_KINDS = ["contact", "client", "staff", "job", "supplier"] as const;
export type FilterKind = (typeof FILTER_KINDS)[number];

/** A filter as resolved against the organization's own names (under RLS). */
export interface ResolvedFilter {
  kind: FilterKind;
  /** The external id (contact, client, staff, job) or the supplier's name (purchase orders). */
  id: string;
  name: string;
  /** A job's number (purchase orders link to jobs by number). */
  code?: string;
}

/** The dashboards a metric's figures also appear on: a role sees a metric only if it may open one. */
export type DashboardView = "financial" | "practice" | "procurement";

/** How a metric reads a period: a range of activity, or a balance measured on one day. */
export type PeriodUse = "range" | "as-of" | "none";

export interface MetricColumn {
  key: string;
  label: string;
  unit: FigureUnit | "text";
}

export interface MetricQuery {
  orgId: string;
  period: Period;
  /** Today in the organization's time zone: the day balances are measured at. */
  today: string;
  dimension: Dimension | null;
  filters: ResolvedFilter[];
  topN: number | null;
  /** The organization's utilization thresholds (percent). */
  thresholds: { warningPct: number; criticalPct: number; overBudgetPct: number };
}

/** What one metric call returns: rows keyed by column, and the totals (for the text and grounding). */
export interface MetricResult {
  columns: MetricColumn[];
  rows: Record<string, string | number | null>[];
  /** Figures of the whole result (before top-N): the headline value is `value`. */
  totals: Record<string, number | null>;
  /** Rows there were before top-N cut the list. */
  rowCount: number;
}

export interface MetricDefinition {
  id: string;
  label: string;
  /** Plain language, shown under "how this was computed" and given to a model as the tool's description. */
  definition: string;
  permission: Permission;
  dashboardView: DashboardView;
  unit: FigureUnit;
  /** The column of a row that holds the headline measure. */
  measure: string;
  periodUse: PeriodUse;
  dimensions: readonly Dimension[];
  /** Used when the question names none (null: the total only). */
  defaultDimension: Dimension | null;
  filters: readonly FilterKind[];
  /** Whether "top N" ranks rows (dimension rows are ranked by the measure, largest first). */
  ranked: boolean;
  /** Where the figures come from, in words. */
  source: string;
  /** Words and phrases that name the metric in a question (lower case), most specific first. */
  synonyms: readonly string[];
  /** Questions this metric answers, for examples and follow-ups. */
  examples: readonly string[];
  /** One query, parameterized, run in the caller's transaction (RLS applies). */
  run(tx: Tx, query: MetricQuery): Promise<MetricResult>;
}
