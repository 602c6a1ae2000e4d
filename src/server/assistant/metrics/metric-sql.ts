import { sql, type SqlQuery } from "@/server/db/sql";
import type { Dimension, MetricQuery, ResolvedFilter } from "../metric-types";

/** Money and hours as the dashboards round them (cents). */
export const num = (v: unknown) => Math.round(Number(v ?? 0) * 100) / 100;
export const oneDecimal = (v: number) => Math.round(v * 10) / 10;

/** Rows an answer's table holds at most; top-N is capped the same way. */
export const MAX_ROWS = 100;
export const rowLimit = (q: MetricQuery) => Math.min(q.topN ?? MAX_ROWS, MAX_ROWS);

/** Time buckets: date_trunc unit, series step and label format, all passed as bound parameters. */
export const GRAINS = {
  month: { unit: "month", step: "1 month", format: "YYYY-MM" },
  quarter: { unit: "quarter", step: "3 months", format: 'YYYY-"Q"Q' },
  year: { unit: "year", step: "1 year", format: "YYYY" },
} as const;

export type TimeGrain = keyof typeof GRAINS;
export const isTimeGrain = (d: Dimension | null): d is TimeGrain => d === "month" || d === "quarter" || d === "year";

/**
 * Every bucket of the period (empty ones too, as the dashboards show them) with the sum of
 * `facts.amount` by `facts.day`. `facts` is a fragment selecting (day, amount).
 */
export function bucketedSum(facts: SqlQuery, grain: TimeGrain, from: string, to: string): SqlQuery {
  const g = GRAINS[grain];
  return sql`
    with facts as (${facts})
    select to_char(b.start, ${g.format}) as key, coalesce(sum(f.amount), 0) as value
    from generate_series(date_trunc(${g.unit}, ${from}::date), ${to}::date, ${g.step}::interval) as b(start)
    left join facts f on date_trunc(${g.unit}, f.day) = b.start
    group by b.start order by b.start`;
}

/** The filter of a kind, if the plan has one. */
export const filterOf = (q: MetricQuery, kind: ResolvedFilter["kind"]) => q.filters.find((f) => f.kind === kind) ?? null;
