import { sql, type Tx } from "@/server/db";
import { TABLE_PAGE_ROWS, TOP_DEBTORS, type AgingBuckets, type AgingRow, type FinancialData } from "@/lib/dashboard-views";
import type { DateRange } from "@/server/dashboards/date-range";
import { toMoney } from "@/server/dashboards/to-money";

/*
 * The Financial overview as it was computed before the rollups: straight from the invoices and
 * payments (aging over the open invoices; the monthly series over the invoices and payments, or with
 * `monthlyFrom: "daily-totals"` exactly as the service did then, over the daily totals). The
 * property test's independent oracle and the bench's "raw SQL" baseline.
 */
interface ReceivablesAging {
  /** Over every contact. */
  totals: AgingBuckets;
  /** Largest balance first, `limit` of them (null: all). */
  rows: AgingRow[];
  /** Contacts that owe something: the table's size in all. */
  contacts: number;
}

/**
 * What is still owed today, bucketed by days past due: one pass over the open receivables (a partial
 * index holds just those rows), per contact and, in the same aggregate, the grand total (grouping
 * sets). Names are joined for the listed contacts only.
 */
async function rawReceivablesAging(tx: Tx, orgId: string, range: DateRange, filters: { contact?: string }, limit: number | null): Promise<ReceivablesAging> {
  const rows = await tx.query<{
    contact_id: string | null; name: string | null; current: number; d30: number; d60: number; d90: number; d90plus: number; total: number; contacts: number;
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
      (select *, (select count(*) from buckets where contact_id is not null) as contacts from buckets where contact_id is null)
      union all
      (select *, 0 from buckets where contact_id is not null order by total desc, contact_id ${limit === null ? sql`` : sql`limit ${limit}`})
    )
    select t.*, c.name
    from top t
    left join public.xero_contacts c on c.org_id = ${orgId} and c.external_id = t.contact_id
    order by t.contact_id is not null, t.total desc, t.contact_id`);

  const [grand, ...contactRows] = rows;
  const buckets = (r: (typeof rows)[number] | undefined): AgingBuckets => ({
    current: toMoney(r?.current),
    days1to30: toMoney(r?.d30),
    days31to60: toMoney(r?.d60),
    days61to90: toMoney(r?.d90),
    days90plus: toMoney(r?.d90plus),
    total: toMoney(r?.total),
  });
  return {
    totals: buckets(grand),
    rows: contactRows.map((r) => ({ contactId: r.contact_id ?? "", name: r.name ?? r.contact_id ?? "", ...buckets(r) })),
    contacts: Number(grand?.contacts ?? 0),
  };
}

/**
 * (Before the rollups) The Financial overview, set-based in SQL under the caller's RLS. Revenue, expenses and cash come
 * from the daily rollup (or live from invoices and payments when filtered by contact); aging is of
 * receivables still owed today, bucketed by days past due. The tiles are the sums of the monthly
 * series and of the aging table over every contact (the table sends its largest rows).
 */
export async function rawFinancialData(tx: Tx, orgId: string, range: DateRange, filters: { contact?: string }, monthlyFrom: "daily-totals" | "raw" = "raw"): Promise<FinancialData> {
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
        left join ${monthlyFrom === "daily-totals" ? sql`public.finance_daily_totals` : sql`(
          select i.org_id, i.date as day, case when i.type = 'ACCREC' then i.sub_total else 0 end as revenue,
                 case when i.type = 'ACCPAY' then i.sub_total else 0 end as expenses, 0::numeric as cash_received
          from public.xero_invoices i where i.org_id = ${orgId} and i.status in ('AUTHORISED', 'PAID')
          union all
          select p.org_id, p.date, 0, 0, p.amount from public.xero_payments p
          where p.org_id = ${orgId} and p.status = 'AUTHORISED' and p.payment_type = 'ACCRECPAYMENT'
        )`} t
          on t.org_id = ${orgId} and t.day between ${range.from}::date and ${range.to}::date and date_trunc('month', t.day) = m.month
        group by m.month order by m.month`);

  const aging = await rawReceivablesAging(tx, orgId, range, filters, TABLE_PAGE_ROWS);
  const totals = aging.totals;

  const monthly = monthlyRows.map((r) => ({ month: r.month, revenue: toMoney(r.revenue), expenses: toMoney(r.expenses), cashReceived: toMoney(r.cash) }));
  const revenue = toMoney(monthly.reduce((s, m) => s + m.revenue, 0));
  const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 + 1;
  return {
    view: "financial",
    kpis: {
      revenue,
      expenses: toMoney(monthly.reduce((s, m) => s + m.expenses, 0)),
      cashReceived: toMoney(monthly.reduce((s, m) => s + m.cashReceived, 0)),
      receivables: totals.total,
      overdue: toMoney(totals.total - totals.current),
      // Days sales outstanding: what is owed now against the average daily revenue of the range.
      dso: revenue > 0 ? Math.round((totals.total / revenue) * days * 10) / 10 : null,
    },
    monthly,
    aging: { totals, byContact: { rows: aging.rows, total: aging.contacts } },
    topDebtors: aging.rows.slice(0, TOP_DEBTORS).map((r) => ({ contactId: r.contactId, name: r.name, total: r.total, overdue: toMoney(r.total - r.current) })),
  };
}
