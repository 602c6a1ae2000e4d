import type { FigureUnit } from "@/lib/assistant-views";
import type { Formatter } from "@/lib/formatter";

/** A figure in a chart axis, tooltip or table cell, in the organization's locale (useFormat()). */
export function formatFigure(format: Formatter, value: number | null, unit: FigureUnit | "text", currency: string, compact = false): string {
  if (value === null || Number.isNaN(value)) return "—";
  switch (unit) {
    case "money":
      return format.money(value, currency, { compact });
    case "hours":
      return `${format.number(value, 1)} h`;
    case "percent":
      return `${format.number(value, 1)}%`;
    case "days":
      return `${format.number(value, 1)} days`;
    default:
      return format.number(value, 2);
  }
}
