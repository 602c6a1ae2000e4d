"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export const CHART_COLORS = ["#2563eb", "#f97316", "#16a34a", "#dc2626", "#9333ea", "#0891b2"];

interface Series {
  key: string;
  label: string;
}

/** A titled chart card; Recharts needs a sized parent, so the height is fixed. */
function ChartFrame({ title, children, description }: { title: string; description: string; children: React.ReactElement }) {
  return (
    <figure className="grid gap-2 rounded-xl border bg-card p-4 shadow-sm" aria-label={title} data-testid="chart">
      <figcaption className="font-medium">{title}</figcaption>
      <p className="sr-only">{description}</p>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/**
 * Series over a category axis, as bars (stacked or side by side) or lines: one frame, grid, axes,
 * tooltip and legend for every chart of the dashboards.
 */
export function SeriesChart<Row extends object>({
  kind,
  title,
  description,
  data,
  x,
  series,
  stacked = false,
  formatValue,
}: {
  kind: "bars" | "lines";
  title: string;
  description: string;
  data: Row[];
  x: keyof Row & string;
  series: Series[];
  stacked?: boolean;
  formatValue: (v: number) => string;
}) {
  const Chart = kind === "bars" ? BarChart : LineChart;
  return (
    <ChartFrame title={title} description={description}>
      <Chart data={data} margin={{ top: 8, right: 8, left: 8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey={x as string} tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={(v: number) => formatValue(v)} tick={{ fontSize: 12 }} width={72} />
        <Tooltip formatter={(v) => formatValue(Number(v))} />
        <Legend />
        {series.map((s, i) =>
          kind === "bars" ? (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={CHART_COLORS[i % CHART_COLORS.length]} stackId={stacked ? "a" : undefined} isAnimationActive={false} />
          ) : (
            <Line key={s.key} dataKey={s.key} name={s.label} stroke={CHART_COLORS[i % CHART_COLORS.length]} dot={false} strokeWidth={2} isAnimationActive={false} />
          ),
        )}
      </Chart>
    </ChartFrame>
  );
}
