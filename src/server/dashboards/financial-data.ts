import { sql, type Tx } from "@/server/db";
import { TABLE_PAGE_ROWS, TOP_DEBTORS, type FinancialData } from "@/lib/dashboard-views";
import type { DateRange } from "./date-range";
import { receivablesAging } from "./receivables-aging";
import { toMoney } from "./to-money";

/**
 * The Financial overview from the rollups the triggers keep (never the invoices themselves), under
 * the caller's RLS. Revenue, expenses and cash come from the daily rollup, or the daily rollup by
 * contact when filtered; aging is of receivables still owed today, bucketed by days past due. The
 * tiles are the sums of the monthly series and of the aging table over every contact (the table
 * sends its largest rows).
 */
export async function financialData(tx: Tx, orgId: string, range: DateRange, filters: { contact?: string }): Promise<FinancialData> {
  // With a contact filter expenses stay 0: bills are from suppliers, the filter is of customers.
  const monthlyRows = await tx.query<{ month: string; revenue: number; expenses: number; cash: number }>(sql`
    select to_char(m.month, 'YYYY-MM') as month, coalesce(sum(t.revenue), 0) as revenue,
           ${filters.contact ? sql`0` : sql`coalesce(sum(t.expenses), 0)`} as expenses, coalesce(sum(t.cash_received), 0) as cash
    from generate_series(date_trunc('month', ${range.from}::date), ${range.to}::date, interval '1 month') as m(month)
    left join ${filters.contact ? sql`public.finance_daily_by_contact` : sql`public.finance_daily_totals`} t
      on t.org_id = ${orgId} ${filters.contact ? sql`and t.contact_external_id = ${filters.contact}` : sql``}
        and t.day between ${range.from}::date and ${range.to}::date and date_trunc('month', t.day) = m.month
    group by m.month order by m.month`);

  const aging = await receivablesAging(tx, orgId, range, filters, TABLE_PAGE_ROWS);
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
