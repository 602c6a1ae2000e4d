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
