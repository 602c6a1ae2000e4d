import { formatMoney, formatNumber } from "@/components/dashboards/format";
import type { FigureUnit } from "@/lib/assistant-views";

/** A figure in a chart axis, tooltip or table cell, in the viewer's locale. */
export function formatFigure(value: number | null, unit: FigureUnit | "text", currency: string, compact = false): string {
  if (value === null || Number.isNaN(value)) return "—";
  switch (unit) {
    case "money":
      return formatMoney(value, currency, compact);
    case "hours":
      return `${formatNumber(value, 1)} h`;
    case "percent":
      return `${formatNumber(value, 1)}%`;
    case "days":
      return `${formatNumber(value, 1)} days`;
    default:
      return formatNumber(value, 2);
  }
}
