import { formatUtilization, UTILIZATION_LEVEL_LABELS } from "@/lib/alert-views";
import type { UtilizationLevel } from "@/lib/procurement-views";

/** One escalated PO as the alert emails show it (figures as the evaluation saw them). */
export interface EscalatedPo {
  poId: string;
  poNumber: string;
  supplier: string;
  currency: string;
  level: Exclude<UtilizationLevel, "on_track">;
  fromLevel: UtilizationLevel;
  utilizationPercent: string | null;
  orderValue: string;
  spent: string;
}

export function money(value: string, currency: string): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency, minimumFractionDigits: 2 }).format(Number(value));
}

/** "rose from Warning to Critical" / "reached Warning" (a new alert). */
export function riseText(po: EscalatedPo): string {
  return po.fromLevel === "on_track"
    ? `reached ${UTILIZATION_LEVEL_LABELS[po.level]}`
    : `rose from ${UTILIZATION_LEVEL_LABELS[po.fromLevel]} to ${UTILIZATION_LEVEL_LABELS[po.level]}`;
}

export function figuresText(po: EscalatedPo): string {
  return `${formatUtilization(po.utilizationPercent)} used: ${money(po.spent, po.currency)} spent of ${money(po.orderValue, po.currency)}`;
}
