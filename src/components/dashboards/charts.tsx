"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export const CHART_COLORS = ["#2563eb", "#f97316", "#16a34a", "#dc2626", "#9333ea", "#0891b2"];

interface Series {
  key: string;
  label: string;
}

interface ChartTable {
  columns: string[];
  rows: string[][];
}

/**
 * A titled chart card; Recharts needs a sized parent, so the height is fixed. The picture is hidden
 * from assistive tech: its text alternative is the same figures as a table, one click away for
 * everyone (and read by screen readers in place of the drawing).
 */
function ChartFrame({ title, children, description, table }: { title: string; description: string; table: ChartTable; children: React.ReactElement }) {
  return (
    <figure className="grid gap-2 rounded-xl border bg-card p-4 shadow-sm" aria-label={title} data-testid="chart">
      <figcaption className="font-medium">{title}</figcaption>
      <p className="sr-only">{description}</p>
      <div className="h-64 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
      <details className="group text-sm">
        <summary className="w-fit cursor-pointer rounded-sm text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden">
          Show the figures as a table
        </summary>
        <div className="mt-2 max-h-72 overflow-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr className="border-b">
                {table.columns.map((c, i) => (
                  <th key={c} scope="col" className={i === 0 ? "py-1 pr-3 text-left font-medium" : "py-1 pl-3 text-right font-medium"}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                // Labels may repeat (two staff of one name): the position is the identity.
                <tr key={r} className="border-b last:border-0">
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row" className="py-1 pr-3 text-left font-normal">{cell}</th>
                    ) : (
                      <td key={i} className="py-1 pl-3 text-right tabular-nums">{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
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
  xLabel,
  series,
  stacked = false,
  formatValue,
}: {
  kind: "bars" | "lines";
  title: string;
  description: string;
  data: Row[];
  x: keyof Row & string;
  /** The table's first column heading ("Month", "Staff member"). */
  xLabel: string;
  series: Series[];
  stacked?: boolean;
  formatValue: (v: number) => string;
}) {
  const Chart = kind === "bars" ? BarChart : LineChart;
  const table = {
    columns: [xLabel, ...series.map((s) => s.label)],
    rows: data.map((row) => [String(row[x]), ...series.map((s) => formatValue(Number((row as Record<string, unknown>)[s.key])))]),
  };
  return (
    <ChartFrame title={title} description={description} table={table}>
      {/* No keyboard layer in the drawing: the table below is its accessible form. */}
      <Chart data={data} margin={{ top: 8, right: 8, left: 8, bottom: 0 }} accessibilityLayer={false}>
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
