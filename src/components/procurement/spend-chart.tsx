"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { CHART_COLORS } from "@/components/dashboards/charts";
import { useFormat } from "@/components/format-provider";
import type { SpendPoint, UtilizationThresholds } from "@/lib/procurement-views";
import { spendChartPoints } from "./spend-chart-points";


/**
 * Cumulative spend of a PO over its valuation dates, against the order value (solid line) and the
 * organization's warning and critical thresholds (dashed), so the reader sees when the budget was
 * crossed. A step line: spend moves only on a valuation date.
 */
export function SpendChart({
  series,
  orderValue,
  orderDate,
  currency,
  thresholds,
}: {
  series: SpendPoint[];
  orderValue: string;
  orderDate: string | null;
  currency: string;
  thresholds: UtilizationThresholds;
}) {
  const format = useFormat();
  const formatDay = (iso: string) => format.date(iso);
  const formatAmount = (value: string | number) => format.money(value, currency);
  const formatAmountCompact = (value: number) => format.money(value, currency, { compact: true });
  const points = spendChartPoints(series, orderDate);
  const budget = Number(orderValue);
  const top = Math.max(budget, ...points.map((p) => p.cumulative)) * 1.1 || 1;
  const last = points.at(-1);
  const description = last
    ? `Spend grew from ${formatAmount("0")} to ${formatAmount(String(last.cumulative))} by ${formatDay(last.date)}, against an order value of ${formatAmount(orderValue)}.`
    : "Nothing has been valued against this order yet.";
  return (
    <figure className="grid gap-2" aria-label="Cumulative spend against the order value" data-testid="spend-chart">
      <p className="sr-only">{description}</p>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 16, right: 12, left: 4, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="date" tickFormatter={formatDay} tick={{ fontSize: 12 }} minTickGap={24} />
            <YAxis domain={[0, top]} tickFormatter={(v: number) => formatAmountCompact(v)} tick={{ fontSize: 12 }} width={64} />
            <Tooltip labelFormatter={(d) => formatDay(String(d))} formatter={(v) => [formatAmount(String(v)), "Spent to date"]} />
            {budget > 0 ? (
              <>
                <ReferenceLine y={(budget * thresholds.warningPct) / 100} stroke="var(--warning)" strokeDasharray="4 4" ifOverflow="extendDomain" />
                <ReferenceLine y={(budget * thresholds.criticalPct) / 100} stroke="var(--destructive)" strokeOpacity={0.6} strokeDasharray="4 4" ifOverflow="extendDomain" />
              </>
            ) : null}
            {budget > 0 ? (
              <ReferenceLine
                y={budget}
                stroke="var(--foreground)"
                strokeWidth={1.5}
                label={{ value: `Order value ${formatAmountCompact(budget)}`, position: "insideBottomLeft", fontSize: 12, fill: "var(--muted-foreground)" }}
              />
            ) : null}
            <Line type="stepAfter" dataKey="cumulative" name="Spent to date" stroke={CHART_COLORS[0]} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground">
        <span className="inline-flex items-center gap-1.5"><span aria-hidden="true" className="h-0.5 w-4" style={{ background: CHART_COLORS[0] }} />Spent to date</span>
        {budget > 0 ? (
          <span className="inline-flex items-center gap-1.5"><span aria-hidden="true" className="h-0.5 w-4 bg-foreground" />Order value</span>
        ) : (
          <span>Order value 0: all spend is over budget</span>
        )}
        {budget > 0 ? (
          <>
            <span className="inline-flex items-center gap-1.5"><span aria-hidden="true" className="w-4 border-t-2 border-dashed border-warning" />Warning at {thresholds.warningPct}%</span>
            <span className="inline-flex items-center gap-1.5"><span aria-hidden="true" className="w-4 border-t-2 border-dashed border-destructive/60" />Critical at {thresholds.criticalPct}%</span>
          </>
        ) : null}
      </figcaption>
    </figure>
  );
}
