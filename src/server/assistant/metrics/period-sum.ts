import { type Tx } from "@/server/db";
import { sql, type SqlQuery } from "@/server/db/sql";
import type { MetricQuery, MetricResult } from "../metric-types";
import { bucketedSum, filterOf, isTimeGrain, num, rowLimit } from "./metric-sql";

/**
 * Revenue, expenses and cash received share one shape: a sum of amounts dated in the period, read
 * from the daily finance rollup, or from the daily rollup by contact when the question filters or
 * breaks down by contact (both kept by triggers: fast at 1M invoices). A contact whose amount in the
 * period is nothing is not listed.
 */
export interface PeriodSumSpec {
  /** The rollup column, e.g. sql`t.revenue`, over `public.finance_daily_totals t` and `public.finance_daily_by_contact t`. */
  rollup: SqlQuery;
  /** What the contact of a row is called in a breakdown. */
  entityLabel: string;
}

export function runPeriodSum(spec: PeriodSumSpec) {
  return async (tx: Tx, q: MetricQuery): Promise<MetricResult> => {
    const { from, to } = q.period;
    const contact = filterOf(q, "contact") ?? filterOf(q, "supplier");
    const live = sql`select t.day, t.contact_external_id as contact, ${spec.rollup} as amount from public.finance_daily_by_contact t
                     where t.org_id = ${q.orgId} and t.day between ${from}::date and ${to}::date and ${spec.rollup} <> 0
                       ${contact ? sql`and t.contact_external_id = ${contact.id}` : sql``}`;
    const rollup = sql`select t.day, ${spec.rollup} as amount from public.finance_daily_totals t
                       where t.org_id = ${q.orgId} and t.day between ${from}::date and ${to}::date`;
    const facts = contact ? live : rollup;

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
      const rows = await tx.query<{ id: string; name: string | null; value: number; total: number; n: number }>(sql`
        with facts as (${live})
        select f.contact as id, c.name, sum(f.amount) as value, sum(sum(f.amount)) over () as total, count(*) over () as n
        from facts f
        left join public.xero_contacts c on c.org_id = ${q.orgId} and c.external_id = f.contact
        group by f.contact, c.name
        order by sum(f.amount) desc, f.contact
        limit ${rowLimit(q)}`);
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
