import type { FigureUnit } from "@/lib/assistant-views";

/**
 * Figures as the answer text writes them: fixed en-US grouping so the text (and the grounding check
 * that reads it back) is the same on every server, whatever its locale.
 */
const grouped = (value: number, digits: number) =>
  new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);

export function formatFigure(value: number | null, unit: FigureUnit, currency: string): string {
  if (value === null) return "n/a";
  switch (unit) {
    case "money":
      return `${currency} ${grouped(value, 2)}`;
    case "hours":
      return `${grouped(value, 1)} hours`;
    case "percent":
      return `${grouped(value, 1)}%`;
    case "days":
      return `${grouped(value, 1)} days`;
    case "count":
      return grouped(value, 0);
  }
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A time bucket key ("2026-03", "2026-Q1", "2026") as a person reads it ("Mar 2026", "Q1 2026"). */
export function bucketLabel(key: string): string {
  const month = key.match(/^(\d{4})-(\d{2})$/);
  if (month) return `${MONTHS[Number(month[2]) - 1]} ${month[1]}`;
  const quarter = key.match(/^(\d{4})-Q([1-4])$/);
  if (quarter) return `Q${quarter[2]} ${quarter[1]}`;
  return key;
}
