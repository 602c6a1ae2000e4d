import type { PurchaseOrderStatus, UtilizationLevel } from "./procurement-views";

/**
 * The wire contract of /api/alerts: returned by the services in src/server/alerts, imported by the
 * UI. Percentages and money are exact decimal strings ("92.50", "12500.00"); timestamps ISO strings.
 */
export const ALERT_STATUSES = ["open", "acknowledged", "resolved"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_EVENT_KINDS = ["opened", "reopened", "escalated", "de_escalated", "acknowledged", "resolved"] as const;
export type AlertEventKind = (typeof ALERT_EVENT_KINDS)[number];

export const UTILIZATION_LEVEL_LABELS: Record<UtilizationLevel, string> = {
  on_track: "On track",
  warning: "Warning",
  critical: "Critical",
  over_budget: "Over budget",
};

export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = { open: "Open", acknowledged: "Acknowledged", resolved: "Resolved" };

export interface AlertPersonView {
  id: string;
  name: string | null;
  email: string | null;
}

export interface AlertView {
  id: string;
  poId: string;
  poNumber: string;
  supplier: string;
  /** The PO's level at the last evaluation: on_track while a recovering alert waits to resolve. */
  level: UtilizationLevel;
  /** The highest level this alert reached (its emails went out up to here). */
  peakLevel: Exclude<UtilizationLevel, "on_track">;
  status: AlertStatus;
  /** Now; null when the PO's order value is 0. */
  utilizationPercent: string | null;
  /** When the alert opened. */
  openedUtilizationPercent: string | null;
  orderValue: string;
  spent: string;
  currency: string;
  poStatus: PurchaseOrderStatus;
  /** A new alert of a PO whose previous alert had resolved. */
  regression: boolean;
  /** Evaluations in a row below warning (the alert resolves at the second). */
  belowWarningStreak: number;
  openedAt: string;
  lastEscalatedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: AlertPersonView | null;
  note: string | null;
  resolvedAt: string | null;
  resolvedReason: "recovered" | "po_closed" | null;
}

export interface AlertEventView {
  id: number;
  kind: AlertEventKind;
  fromLevel: UtilizationLevel | null;
  toLevel: UtilizationLevel | null;
  utilizationPercent: string | null;
  actor: AlertPersonView | null;
  note: string | null;
  detail: { reason?: "recovered" | "po_closed"; poStatus?: PurchaseOrderStatus; previousAlertId?: string };
  createdAt: string;
}

/** Who was emailed at which level (the emails are the escalations only). */
export interface AlertNotificationView {
  level: Exclude<UtilizationLevel, "on_track">;
  recipients: number;
  sent: number;
  digest: boolean;
  createdAt: string;
}

export interface AlertDetailView extends AlertView {
  /** Oldest first. */
  events: AlertEventView[];
  notifications: AlertNotificationView[];
}

export interface AlertListPage {
  items: AlertView[];
  total: number;
  page: number;
  pageSize: number;
}

/** The navigation badge: unacknowledged (open) alerts, and every unresolved one by level. */
export interface AlertSummaryView {
  open: number;
  acknowledged: number;
  byLevel: Record<UtilizationLevel, number>;
}

export interface AcknowledgeAlertsResult {
  items: AlertView[];
  /** How many were acknowledged by this request (the others already were). */
  acknowledged: number;
}

export interface AlertEmailPreferenceView {
  alertEmails: boolean;
  /** Only members who may acknowledge alerts are emailed at all. */
  eligible: boolean;
}

/** "92.50" → "92.50 %"; null (order value 0) → "no order value". */
export function formatUtilization(percent: string | null): string {
  return percent === null ? "no order value" : `${percent} %`;
}
