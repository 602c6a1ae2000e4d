"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { CHART_COLORS } from "@/components/dashboards/charts";
import type { ChartSpec } from "@/lib/assistant-views";
import { useFormat } from "@/components/format-provider";
import { formatFigure } from "./format-figure";

const LABEL_CHARS = 21;

/** A category name on one line, shortened with an ellipsis (Recharts would wrap it onto two). */
function NameTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  const name = String(payload?.value ?? "");
  return (
    <text x={Number(x)} y={Number(y)} dy={4} textAnchor="end" fontSize={11} fill="currentColor" className="fill-muted-foreground">
      <title>{name}</title>
      {name.length > LABEL_CHARS ? `${name.slice(0, LABEL_CHARS - 1)}…` : name}
    </text>
  );
}

/** Renders an answer's chart spec (data only: kind, axes, rows) with Recharts. */
export function AnswerChart({ spec }: { spec: ChartSpec }) {
  const formatter = useFormat();
  const format = (v: number) => formatFigure(formatter, Number(v), spec.unit, spec.currency, true);
  const full = (v: unknown) => formatFigure(formatter, Number(v), spec.unit, spec.currency);
  // A bar chart of names (a ranking) is drawn sideways; a couple of short labels stay upright.
  const horizontal = spec.kind === "bar" && (spec.data.length > 4 || spec.data.some((row) => String(row[spec.x]).length > 12));
  const labelWidth = 140;
  const height = horizontal ? Math.max(160, spec.data.length * (spec.series.length > 1 ? 40 : 28) + 40) : undefined;
  const summary = spec.data
    .slice(0, 12)
    .map((row) => `${row[spec.x]}: ${spec.series.map((s) => full(row[s.key])).join(" / ")}`)
    .join("; ");
  return (
    <figure className="grid gap-2 rounded-lg border bg-background p-3" aria-label={spec.title} data-testid="answer-chart" data-kind={spec.kind}>
      <figcaption className="text-sm font-medium">{spec.title}</figcaption>
      <p className="sr-only">{summary}</p>
      <div className={height ? "w-full" : "h-56 w-full sm:h-64"} style={height ? { height } : undefined}>
        <ResponsiveContainer width="100%" height="100%">
          {spec.kind === "pie" ? (
            <PieChart>
              <Pie data={spec.data} dataKey={spec.series[0]!.key} nameKey={spec.x} innerRadius="45%" outerRadius="80%" isAnimationActive={false}>
                {spec.data.map((_, i) => (
                  <Cell key={i} fill={CHART_COLORS[i % CHART_COLORS.length]} />
                ))}
              </Pie>
              <Tooltip formatter={(v) => full(v)} />
              <Legend />
            </PieChart>
          ) : spec.kind === "line" ? (
            <LineChart data={spec.data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey={spec.x} tick={{ fontSize: 11 }} />
              <YAxis tickFormatter={format} tick={{ fontSize: 11 }} width={64} />
              <Tooltip formatter={(v) => full(v)} />
              {spec.series.length > 1 ? <Legend itemSorter={null} /> : null}
              {spec.series.map((s, i) => (
                <Line key={s.key} dataKey={s.key} name={s.label} stroke={CHART_COLORS[i % CHART_COLORS.length]} strokeWidth={2} dot={spec.data.length < 16} isAnimationActive={false} />
              ))}
            </LineChart>
          ) : horizontal ? (
            // Ranked names read best as rows: the names on the left, the bars across.
            <BarChart data={spec.data} layout="vertical" margin={{ top: 4, right: 12, left: 4, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" tickFormatter={format} tick={{ fontSize: 11 }} />
              <YAxis type="category" dataKey={spec.x} width={labelWidth} interval={0} tick={NameTick} />
              <Tooltip formatter={(v) => full(v)} />
              {spec.series.length > 1 ? <Legend itemSorter={null} /> : null}
              {spec.series.map((s, i) => (
                <Bar key={s.key} dataKey={s.key} name={s.label} fill={CHART_COLORS[i % CHART_COLORS.length]} isAnimationActive={false} />
              ))}
            </BarChart>
          ) : (
            <BarChart data={spec.data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey={spec.x} tick={{ fontSize: 11 }} interval={0} />
              <YAxis tickFormatter={format} tick={{ fontSize: 11 }} width={64} />
              <Tooltip formatter={(v) => full(v)} />
              {spec.series.length > 1 ? <Legend itemSorter={null} /> : null}
              {spec.series.map((s, i) => (
                <Bar key={s.key} dataKey={s.key} name={s.label} fill={CHART_COLORS[i % CHART_COLORS.length]} isAnimationActive={false} />
              ))}
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
