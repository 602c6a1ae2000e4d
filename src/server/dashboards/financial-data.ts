import { sql, type Tx } from "@/server/db";
import type { DateRange } from "./date-range";

export interface AgingBuckets {
  current: number;
  days1to30: number;
  days31to60: number;
  days61to90: number;
  days90plus: number;
  total: number;
}

export interface FinancialData {
  view: "financial";
  kpis: { revenue: number; expenses: number; cashReceived: number; receivables: number; overdue: number; dso: number | null };
  monthly: { month: string; revenue: number; expenses: number; cashReceived: number }[];
  aging: { totals: AgingBuckets; byContact: (AgingBuckets & { contactId: string; name: string })[] };
  topDebtors: { contactId: string; name: string; total: number; overdue: number }[];
}

const num = (v: unknown) => Math.round(Number(v ?? 0) * 100) / 100;

/**
 * The Financial overview, set-based in SQL under the caller's RLS. Revenue, expenses and cash come
 * from the daily rollup (or live from invoices and payments when filtered by contact); aging is of
 * receivables still owed today, bucketed by days past due.
 */
export async function financialData(tx: Tx, orgId: string, range: DateRange, filters: { contact?: string }): Promise<FinancialData> {
  const monthlyRows = filters.contact
    ? await tx.query<{ month: string; revenue: number; expenses: number; cash: number }>(sql`
        select to_char(m.month, 'YYYY-MM') as month, coalesce(sum(f.revenue), 0) as revenue, 0 as expenses, coalesce(sum(f.cash), 0) as cash
        from generate_series(date_trunc('month', ${range.from}::date), ${range.to}::date, interval '1 month') as m(month)
        left join (
          select i.date as day, i.sub_total as revenue, 0::numeric as cash
          from public.xero_invoices i
          where i.org_id = ${orgId} and i.contact_external_id = ${filters.contact} and i.type = 'ACCREC'
            and i.status in ('AUTHORISED', 'PAID') and i.date between ${range.from}::date and ${range.to}::date
          union all
          select p.date, 0, p.amount
          from public.xero_payments p
          join public.xero_invoices i on i.org_id = p.org_id and i.external_id = p.invoice_external_id
          where p.org_id = ${orgId} and i.contact_external_id = ${filters.contact} and p.status = 'AUTHORISED'
            and p.payment_type = 'ACCRECPAYMENT' and p.date between ${range.from}::date and ${range.to}::date
        ) f on date_trunc('month', f.day) = m.month
        group by m.month order by m.month`)
    : await tx.query<{ month: string; revenue: number; expenses: number; cash: number }>(sql`
        select to_char(m.month, 'YYYY-MM') as month, coalesce(sum(t.revenue), 0) as revenue,
               coalesce(sum(t.expenses), 0) as expenses, coalesce(sum(t.cash_received), 0) as cash
        from generate_series(date_trunc('month', ${range.from}::date), ${range.to}::date, interval '1 month') as m(month)
        left join public.finance_daily_totals t
          on t.org_id = ${orgId} and t.day between ${range.from}::date and ${range.to}::date and date_trunc('month', t.day) = m.month
        group by m.month order by m.month`);

  // One pass over what is still owed (a partial index holds just those rows): per contact and, in the
  // same aggregate, the grand total (grouping sets). Names are joined for the top contacts only.
  const agingRows = await tx.query<{
    contact_id: string | null; name: string | null; current: number; d30: number; d60: number; d90: number; d90plus: number; total: number;
  }>(sql`
    with buckets as (
      select i.contact_external_id as contact_id,
             coalesce(sum(i.amount_due) filter (where ${range.today}::date - i.due_date <= 0 or i.due_date is null), 0) as current,
             coalesce(sum(i.amount_due) filter (where ${range.today}::date - i.due_date between 1 and 30), 0) as d30,
             coalesce(sum(i.amount_due) filter (where ${range.today}::date - i.due_date between 31 and 60), 0) as d60,
             coalesce(sum(i.amount_due) filter (where ${range.today}::date - i.due_date between 61 and 90), 0) as d90,
             coalesce(sum(i.amount_due) filter (where ${range.today}::date - i.due_date > 90), 0) as d90plus,
             coalesce(sum(i.amount_due), 0) as total
      from public.xero_invoices i
      where i.org_id = ${orgId} and i.type = 'ACCREC' and i.amount_due > 0 and i.status in ('AUTHORISED', 'SUBMITTED')
        ${filters.contact ? sql`and i.contact_external_id = ${filters.contact}` : sql``}
      group by grouping sets ((i.contact_external_id), ())
    ), top as (
      (select * from buckets where contact_id is null)
      union all
      (select * from buckets where contact_id is not null order by total desc, contact_id limit 200)
    )
    select t.*, c.name
    from top t
    left join public.xero_contacts c on c.org_id = ${orgId} and c.external_id = t.contact_id
    order by t.contact_id is not null, t.total desc, t.contact_id`);

  const [grand, ...contactRows] = agingRows;
  const buckets = (r: (typeof agingRows)[number] | undefined): AgingBuckets => ({
    current: num(r?.current),
    days1to30: num(r?.d30),
    days31to60: num(r?.d60),
    days61to90: num(r?.d90),
    days90plus: num(r?.d90plus),
    total: num(r?.total),
  });
  const byContact = contactRows.map((r) => ({ contactId: r.contact_id ?? "", name: r.name ?? r.contact_id ?? "", ...buckets(r) }));
  const totals = buckets(grand);

  const monthly = monthlyRows.map((r) => ({ month: r.month, revenue: num(r.revenue), expenses: num(r.expenses), cashReceived: num(r.cash) }));
  const revenue = num(monthly.reduce((s, m) => s + m.revenue, 0));
  const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 + 1;
  return {
    view: "financial",
    kpis: {
      revenue,
      expenses: num(monthly.reduce((s, m) => s + m.expenses, 0)),
      cashReceived: num(monthly.reduce((s, m) => s + m.cashReceived, 0)),
      receivables: totals.total,
      overdue: num(totals.total - totals.current),
      // Days sales outstanding: what is owed now against the average daily revenue of the range.
      dso: revenue > 0 ? Math.round((totals.total / revenue) * days * 10) / 10 : null,
    },
    monthly,
    aging: { totals, byContact },
    topDebtors: byContact.slice(0, 10).map((r) => ({ contactId: r.contactId, name: r.name, total: r.total, overdue: num(r.total - r.current) })),
  };
}
