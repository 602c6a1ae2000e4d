import { type Tx } from "@/server/db";
import { sql, type SqlQuery } from "@/server/db/sql";
import type { MetricQuery, MetricResult } from "../metric-types";
import { bucketedSum, filterOf, isTimeGrain, num, rowLimit } from "./metric-sql";
import { wholeMonths } from "./whole-months";

/**
 * Revenue, expenses and cash received share one shape: a sum of amounts dated in the period, read
 * from the daily finance rollup, or, when the question filters or breaks down by contact, from the
 * rollups by contact: whole months from the monthly one and the days of a partial first or last
 * month from the daily one (all kept by triggers: a year by contact is one row per contact and
 * month, fast at 1M invoices). A contact whose amount in the period nets to nothing is not listed.
 */
export interface PeriodSumSpec {
  /** The rollup column, e.g. sql`t.revenue`: finance_daily_totals, finance_daily_by_contact and finance_monthly_by_contact all have it. */
  rollup: SqlQuery;
  /** What the contact of a row is called in a breakdown. */
  entityLabel: string;
}

/** (day, contact, amount) by contact over the period; a month's row is dated its 1st. */
function byContactFacts(spec: PeriodSumSpec, q: MetricQuery, contact: string | null): SqlQuery {
  const { months, days } = wholeMonths(q.period.from, q.period.to);
  const onlyContact = contact ? sql`and t.contact_external_id = ${contact}` : sql``;
  const parts: SqlQuery[] = [];
  if (months) {
    parts.push(sql`select t.month as day, t.contact_external_id as contact, ${spec.rollup} as amount from public.finance_monthly_by_contact t
                   where t.org_id = ${q.orgId} and t.month between ${months.from}::date and ${months.to}::date and ${spec.rollup} <> 0 ${onlyContact}`);
  }
  for (const d of days) {
    parts.push(sql`select t.day, t.contact_external_id as contact, ${spec.rollup} as amount from public.finance_daily_by_contact t
                   where t.org_id = ${q.orgId} and t.day between ${d.from}::date and ${d.to}::date and ${spec.rollup} <> 0 ${onlyContact}`);
  }
  if (parts.length === 0) return sql`select null::date as day, null::text as contact, 0::numeric as amount where false`;
  return parts.reduce((all, part) => sql`${all} union all ${part}`);
}

export function runPeriodSum(spec: PeriodSumSpec) {
  return async (tx: Tx, q: MetricQuery): Promise<MetricResult> => {
    const { from, to } = q.period;
    const contact = filterOf(q, "contact") ?? filterOf(q, "supplier");
    const totals = sql`select t.day, ${spec.rollup} as amount from public.finance_daily_totals t
                       where t.org_id = ${q.orgId} and t.day between ${from}::date and ${to}::date`;
    const facts = contact ? byContactFacts(spec, q, contact.id) : totals;

    if (isTimeGrain(q.dimension)) {
      const rows = await tx.query<{ key: string; value: number }>(bucketedSum(facts, q.dimension, from, to));
      const out = rows.map((r) => ({ key: r.key, value: num(r.value) }));
      return {
        columns: [{ key: "key", label: q.dimension, unit: "text" }, { key: "value", label: "amount", unit: "money" }],
        rows: out,
        totals: { value: num(out.reduce((s, r) => s + r.value, 0)) },
        rowCount: out.length,
      };
    }

    if (q.dimension === "contact" || q.dimension === "supplier") {
      // Summed and ranked first; names are looked up for the rows listed only.
      const rows = await tx.query<{ id: string; name: string | null; value: number; total: number; n: number }>(sql`
        with facts as (${byContactFacts(spec, q, contact?.id ?? null)}),
        ranked as (
          select f.contact as id, sum(f.amount) as value, sum(sum(f.amount)) over () as total, count(*) over () as n
          from facts f group by f.contact having sum(f.amount) <> 0
          order by sum(f.amount) desc, f.contact
          limit ${rowLimit(q)}
        )
        select r.id, c.name, r.value, r.total, r.n
        from ranked r
        left join public.xero_contacts c on c.org_id = ${q.orgId} and c.external_id = r.id
        order by r.value desc, r.id`);
      return {
        columns: [{ key: "name", label: spec.entityLabel, unit: "text" }, { key: "value", label: "amount", unit: "money" }],
        rows: rows.map((r) => ({ id: r.id, name: r.name ?? r.id, value: num(r.value) })),
        totals: { value: num(rows[0]?.total ?? 0) },
        rowCount: Number(rows[0]?.n ?? 0),
      };
    }

    const row = await tx.one<{ value: number }>(sql`with facts as (${facts}) select coalesce(sum(f.amount), 0) as value from facts f`);
    return { columns: [{ key: "value", label: "amount", unit: "money" }], rows: [], totals: { value: num(row.value) }, rowCount: 0 };
  };
}
