import { sql, type Tx } from "@/server/db";
import { toMoney } from "./to-money";

export interface Period {
  from: string;
  to: string;
}

export interface PeriodFigures {
  revenue: number;
  cashReceived: number;
}

export interface FinancialKpis {
  current: PeriodFigures;
  previous: PeriodFigures;
  /** Revenue and cash received per month of `trend`, oldest first (every month, 0 when nothing). */
  trend: { month: string; revenue: number; cashReceived: number }[];
  /** What is owed today and, of it, what is past due (the Financial overview's receivables and overdue tiles). */
  receivables: number;
  overdue: number;
}

/**
 * The Financial overview's headline figures for two periods, without its tables: revenue and cash
 * received of each period and per month of `trend`, and receivables owed on `today`, in one
 * statement over the same rollups and with the same definitions as financialData (approved sales
 * invoices ex tax by day, received payments by day, open receivables by due date), so the home page
 * and the dashboard agree to the cent.
 */
export async function financialKpis(tx: Tx, orgId: string, p: { current: Period; previous: Period; trend: Period; today: string }): Promise<FinancialKpis> {
  const rows = await tx.query<{
    month: string; revenue: number; cash: number; cur_revenue: number; cur_cash: number; prev_revenue: number; prev_cash: number; owed: number; owed_current: number;
  }>(sql`
    with days as materialized (
      select t.day, t.revenue, t.cash_received
      from public.finance_daily_totals t
      where t.org_id = ${orgId} and t.day between least(${p.trend.from}::date, ${p.previous.from}::date, ${p.current.from}::date)
        and greatest(${p.trend.to}::date, ${p.previous.to}::date, ${p.current.to}::date)
    ), owed as (
      select coalesce(sum(r.amount_due), 0) as total,
             coalesce(sum(r.amount_due) filter (where ${p.today}::date - r.due_date <= 0 or r.due_date is null), 0) as current
      from public.receivables_by_due r
      where r.org_id = ${orgId} and r.invoices > 0
    ), sums as (
      select coalesce(sum(d.revenue) filter (where d.day between ${p.current.from}::date and ${p.current.to}::date), 0) as cur_revenue,
             coalesce(sum(d.cash_received) filter (where d.day between ${p.current.from}::date and ${p.current.to}::date), 0) as cur_cash,
             coalesce(sum(d.revenue) filter (where d.day between ${p.previous.from}::date and ${p.previous.to}::date), 0) as prev_revenue,
             coalesce(sum(d.cash_received) filter (where d.day between ${p.previous.from}::date and ${p.previous.to}::date), 0) as prev_cash
      from days d
    ), months as (
      select m.month, coalesce(sum(d.revenue), 0) as revenue, coalesce(sum(d.cash_received), 0) as cash
      from generate_series(date_trunc('month', ${p.trend.from}::date), ${p.trend.to}::date, interval '1 month') as m(month)
      left join days d on d.day between ${p.trend.from}::date and ${p.trend.to}::date and date_trunc('month', d.day) = m.month
      group by m.month
    )
    select to_char(m.month, 'YYYY-MM') as month, m.revenue, m.cash, s.*, o.total as owed, o.current as owed_current
    from months m cross join sums s cross join owed o
    order by m.month`);
  const first = rows[0];
  const receivables = toMoney(first?.owed);
  return {
    current: { revenue: toMoney(first?.cur_revenue), cashReceived: toMoney(first?.cur_cash) },
    previous: { revenue: toMoney(first?.prev_revenue), cashReceived: toMoney(first?.prev_cash) },
    trend: rows.map((r) => ({ month: r.month, revenue: toMoney(r.revenue), cashReceived: toMoney(r.cash) })),
    receivables,
    overdue: toMoney(receivables - toMoney(first?.owed_current)),
  };
}
