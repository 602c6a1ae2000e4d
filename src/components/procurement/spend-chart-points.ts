import type { SpendPoint } from "@/lib/procurement-views";

export interface SpendChartPoint {
  date: string;
  cumulative: number;
}

/**
 * The chart's points: the running total per valuation date, starting from nothing on the order
 * date when the PO has one before its first valuation (so the line rises from zero).
 */
export function spendChartPoints(series: SpendPoint[], orderDate: string | null): SpendChartPoint[] {
  const points = series.map((p) => ({ date: p.date, cumulative: Number(p.cumulative) }));
  if (orderDate && (points.length === 0 || orderDate < points[0]!.date)) points.unshift({ date: orderDate, cumulative: 0 });
  return points;
}

