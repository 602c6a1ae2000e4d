import type { Role } from "./permissions";

/**
 * What GET /api/dashboards/{id}/data answers for a native dashboard, and the tables it can download
 * in full (GET /api/dashboards/{id}/export?table=…): the service returns these types and the UI
 * imports them. A table sends its first TABLE_PAGE_ROWS rows with the count it has in all; its CSV
 * holds every row, so a tile, its table and the CSV always describe the same set.
 */

/** A table's first rows in its own order, and how many rows it has in all. */
export interface TablePage<Row> {
  rows: Row[];
  total: number;
}

/** Rows a table sends with the dashboard's data; the CSV export has all of them. */
export const TABLE_PAGE_ROWS = 100;

/** Staff members in the Practice hours chart: more bars than this can no longer be read. */
export const STAFF_CHART_ROWS = 15;

export interface AgingBuckets {
  current: number;
  days1to30: number;
  days31to60: number;
  days61to90: number;
  days90plus: number;
  total: number;
}

export interface AgingRow extends AgingBuckets {
  contactId: string;
  name: string;
}

export interface TopDebtorRow {
  contactId: string;
  name: string;
  total: number;
  overdue: number;
}

export interface FinancialData {
  view: "financial";
  kpis: { revenue: number; expenses: number; cashReceived: number; receivables: number; overdue: number; dso: number | null };
  monthly: { month: string; revenue: number; expenses: number; cashReceived: number }[];
  /** `totals` are over every contact; `byContact` is the table (largest balances first). */
  aging: { totals: AgingBuckets; byContact: TablePage<AgingRow> };
  topDebtors: TopDebtorRow[];
}

export interface WipClientRow {
  clientId: string;
  client: string;
  time: number;
  costs: number;
  total: number;
}

export interface WipJobRow {
  jobId: string;
  jobNumber: string;
  job: string;
  clientId: string;
  client: string;
  time: number;
  costs: number;
  total: number;
}

export interface StaffRow {
  staffId: string;
  name: string;
  billableHours: number;
  nonBillableHours: number;
  capacityHours: number;
  utilization: number | null;
}

export interface BudgetRow {
  jobId: string;
  jobNumber: string;
  job: string;
  client: string;
  budget: number;
  actual: number;
  variance: number;
}

/** Whose rows the per-person table holds: everyone's, or the caller's own (the tiles are the team's either way). */
export type PracticeStaffScope = "everyone" | "own";

export interface PracticeData {
  view: "practice";
  /** Whose rows `staff` and `staffChart` hold (practice-data.ts). */
  staffScope: PracticeStaffScope;
  kpis: { wip: number; billableHours: number; nonBillableHours: number; utilization: number | null; jobsOverBudget: number };
  /** The clients with the most unbilled work (the chart and the client filter). */
  wipByClient: WipClientRow[];
  wipByJob: TablePage<WipJobRow>;
  /** Utilization by staff member, highest first. */
  staff: TablePage<StaffRow>;
  /** The members with the most hours recorded, most first (the hours chart). */
  staffChart: StaffRow[];
  /** Active budgeted jobs, most over budget first. */
  budgets: TablePage<BudgetRow>;
}

export interface DashboardDataMeta {
  dashboard: { id: string; key: string; title: string };
  range: { from: string; to: string };
  asOf: string;
  currency: string;
  timezone: string;
}

export type DashboardDataResponse =
  | (DashboardDataMeta & FinancialData)
  | (DashboardDataMeta & PracticeData)
  | (DashboardDataMeta & { view: "procurement"; empty: true; message: string });

/** How a column reads: the UI formats by kind, and a money column's CSV header names the currency. */
export type ColumnKind = "text" | "money" | "number" | "percent";

export interface ColumnSpec {
  key: string;
  label: string;
  kind: ColumnKind;
  /** The column means over (+) or under (−): amounts above zero carry their + sign. */
  signed?: boolean;
}

export interface TableColumn<Row> extends ColumnSpec {
  key: keyof Row & string;
}

export const AGING_COLUMNS: TableColumn<AgingRow>[] = [
  { key: "name", label: "Contact", kind: "text" },
  { key: "current", label: "Current", kind: "money" },
  { key: "days1to30", label: "1–30", kind: "money" },
  { key: "days31to60", label: "31–60", kind: "money" },
  { key: "days61to90", label: "61–90", kind: "money" },
  { key: "days90plus", label: "90+", kind: "money" },
  { key: "total", label: "Total", kind: "money" },
];

export const TOP_DEBTOR_COLUMNS: TableColumn<TopDebtorRow>[] = [
  { key: "name", label: "Contact", kind: "text" },
  { key: "total", label: "Owed", kind: "money" },
  { key: "overdue", label: "Overdue", kind: "money" },
];

export const STAFF_COLUMNS: TableColumn<StaffRow>[] = [
  { key: "name", label: "Staff member", kind: "text" },
  { key: "billableHours", label: "Billable h", kind: "number" },
  { key: "nonBillableHours", label: "Non-billable h", kind: "number" },
  { key: "capacityHours", label: "Capacity h", kind: "number" },
  { key: "utilization", label: "Utilization %", kind: "percent" },
];

export const WIP_JOB_COLUMNS: TableColumn<WipJobRow>[] = [
  { key: "jobNumber", label: "Job", kind: "text" },
  { key: "job", label: "Name", kind: "text" },
  { key: "client", label: "Client", kind: "text" },
  { key: "time", label: "Time", kind: "money" },
  { key: "costs", label: "Costs", kind: "money" },
  { key: "total", label: "WIP", kind: "money" },
];

export const BUDGET_COLUMNS: TableColumn<BudgetRow>[] = [
  { key: "jobNumber", label: "Job", kind: "text" },
  { key: "job", label: "Name", kind: "text" },
  { key: "client", label: "Client", kind: "text" },
  { key: "budget", label: "Budget", kind: "money" },
  { key: "actual", label: "Actual", kind: "money" },
  { key: "variance", label: "Over (+) / under (−)", kind: "money", signed: true },
];

export const DASHBOARD_TABLE_KEYS = ["receivables-aging", "top-debtors", "utilization", "wip-by-job", "job-budgets"] as const;
export type DashboardTableKey = (typeof DASHBOARD_TABLE_KEYS)[number];

/** Every downloadable table: the dashboard view it belongs to, its title and its columns. */
export const DASHBOARD_TABLES: Record<DashboardTableKey, { view: "financial" | "practice"; title: string; columns: readonly ColumnSpec[] }> = {
  "receivables-aging": { view: "financial", title: "Receivables aging by contact", columns: AGING_COLUMNS },
  "top-debtors": { view: "financial", title: "Top 10 debtors", columns: TOP_DEBTOR_COLUMNS },
  utilization: { view: "practice", title: "Utilization by staff member", columns: STAFF_COLUMNS },
  "wip-by-job": { view: "practice", title: "Work in progress by job", columns: WIP_JOB_COLUMNS },
  "job-budgets": { view: "practice", title: "Job budget vs actual", columns: BUDGET_COLUMNS },
};

/** The top debtors table and its CSV: the largest balances owed today. */
export const TOP_DEBTORS = 10;

/** One dashboard as Settings › Dashboards edits it (GET/PUT /api/dashboards/config). */
export interface DashboardConfigItem {
  id: string;
  title: string;
  kind: "native" | "metabase";
  nativeView: "financial" | "practice" | "procurement" | null;
  metabaseDashboardId: number | null;
  enabled: boolean;
  position: number;
  allowedRoles: Role[];
}

export interface DashboardConfigView {
  dashboards: DashboardConfigItem[];
  metabaseConfigured: boolean;
}

/** POST /api/dashboards/{id}/embed: a signed Metabase URL, renewed before `expiresAt`. */
export interface DashboardEmbedView {
  embedUrl: string;
  expiresAt: string;
}

/** GET /api/dashboards/{id}/filter-options: the matches of a filter's search, by name. */
export interface DashboardFilterOption {
  value: string;
  label: string;
}

export interface DashboardFilterOptionsView {
  options: DashboardFilterOption[];
}
