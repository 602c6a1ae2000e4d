/**
 * The wire contract of purchase orders and quantity surveys (/api/purchase-orders, /api/quantity-surveys,
 * alerts): returned by the services, imported by the UI. Money is an exact decimal string
 * ("12500.00"), never a float; dates are ISO strings.
 */

export const PO_STATUSES = ["open", "closed", "cancelled"] as const;
export type PurchaseOrderStatus = (typeof PO_STATUSES)[number];

export const RECORD_SOURCES = ["import", "manual"] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];

/** Budget utilization against the organization's thresholds (issue 13). */
export const UTILIZATION_LEVELS = ["on_track", "warning", "critical", "over_budget"] as const;
export type UtilizationLevel = (typeof UTILIZATION_LEVELS)[number];

/** The organization's thresholds in percent (Settings › Organization; 75 / 90 / 100 by default). */
export interface UtilizationThresholds {
  warningPct: number;
  criticalPct: number;
  overBudgetPct: number;
}

export const DEFAULT_UTILIZATION_THRESHOLDS: UtilizationThresholds = { warningPct: 75, criticalPct: 90, overBudgetPct: 100 };

const hundredths = (value: string | number) => Math.round(Number(value) * 100);

/**
 * The level of a PO. Boundaries are inclusive (exactly 75.00 % is `warning` at 75); a PO whose order
 * value is 0 is `over_budget` as soon as anything is spent. `percent` is the stored
 * utilization_percent (2 decimals, null when the order value is 0); comparisons are made in
 * hundredths so "74.995" style float noise cannot move a boundary.
 */
export function utilizationLevel(
  percent: string | number | null,
  orderValue: string | number,
  spent: string | number,
  thresholds: UtilizationThresholds = DEFAULT_UTILIZATION_THRESHOLDS,
): UtilizationLevel {
  if (hundredths(orderValue) === 0) return hundredths(spent) > 0 ? "over_budget" : "on_track";
  const p = percent === null ? Math.round((Number(spent) * 10000) / Number(orderValue)) : hundredths(percent);
  if (p >= hundredths(thresholds.overBudgetPct)) return "over_budget";
  if (p >= hundredths(thresholds.criticalPct)) return "critical";
  if (p >= hundredths(thresholds.warningPct)) return "warning";
  return "on_track";
}

export interface PurchaseOrderView {
  id: string;
  poNumber: string;
  supplier: string;
  description: string | null;
  /** numeric(14,2) as an exact decimal string. */
  orderValue: string;
  currency: string;
  /** YYYY-MM-DD */
  orderDate: string | null;
  jobNumber: string | null;
  /** The XPM job with that number, when the practice has one. */
  job: { id: string; name: string } | null;
  status: PurchaseOrderStatus;
  /** Sum of the PO's quantity-survey amounts, exact decimal string. */
  spent: string;
  /** spent ÷ order value × 100, 2 decimals; null when the order value is 0. */
  utilizationPercent: string | null;
  level: UtilizationLevel;
  source: RecordSource;
  /** The import that last wrote it. */
  importId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface QuantitySurveyView {
  id: string;
  qsNumber: string;
  poId: string;
  poNumber: string;
  /** The PO's currency (a QS is valued in its PO's currency). */
  currency: string;
  /** YYYY-MM-DD */
  valuationDate: string;
  /** Exact decimal string; negative for a credit. */
  amount: string;
  description: string | null;
  source: RecordSource;
  importId: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Lists count at most this many rows past the start of the page: an exact total of 1M quantity
 * surveys would cost a full scan per page, while "10,000+" costs a few milliseconds and still
 * tells whether a next page exists.
 */
export const COUNT_CAP = 10_000;

/** How the PO list can be ordered (GET /api/purchase-orders `sort`, with `dir`). */
export const PO_SORT_KEYS = ["utilization", "value", "date"] as const;
export type PurchaseOrderSortKey = (typeof PO_SORT_KEYS)[number];
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** GET /api/purchase-orders: one page, the number of matching POs, and the thresholds the levels used. */
export interface PurchaseOrderListView {
  items: PurchaseOrderView[];
  /** POs matching the filters; a lower bound when `totalCapped` (counting stops COUNT_CAP rows past the page). */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  thresholds: UtilizationThresholds;
}

/** What an import did to a PO: created it, updated it, or wrote quantity surveys against it. */
export const PO_IMPORT_EFFECTS = ["created", "updated", "quantity_surveys"] as const;
export type PurchaseOrderImportEffect = (typeof PO_IMPORT_EFFECTS)[number];

/** An import that wrote a PO or its quantity surveys, as the PO's page lists it. */
export interface PurchaseOrderImportRef {
  id: string;
  type: "purchase_orders" | "quantity_surveys";
  fileName: string;
  status: string;
  effects: PurchaseOrderImportEffect[];
  createdAt: string;
  createdBy: { id: string; email: string | null; name: string | null } | null;
}

/** One point of the cumulative-spend chart: the QS amounts of a valuation date and the running total. */
export interface SpendPoint {
  /** YYYY-MM-DD */
  date: string;
  amount: string;
  cumulative: string;
}

/** GET /api/purchase-orders/{id}. */
export interface PurchaseOrderDetailView extends PurchaseOrderView {
  /** Oldest valuation first (at most QS_DETAIL_LIMIT; `quantitySurveyTotal` counts all). */
  quantitySurveys: QuantitySurveyView[];
  quantitySurveyTotal: number;
  /** Spend per valuation date over every QS of the PO, oldest first. */
  spendSeries: SpendPoint[];
  /** Newest first. */
  imports: PurchaseOrderImportRef[];
  thresholds: UtilizationThresholds;
}

export const QS_DETAIL_LIMIT = 1_000;

/** GET /api/quantity-surveys: newest valuation first. */
export interface QuantitySurveyListView {
  items: QuantitySurveyView[];
  /** QSs matching the filter; a lower bound when `totalCapped`. */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}
