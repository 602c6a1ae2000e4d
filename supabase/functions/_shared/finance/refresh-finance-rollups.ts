import type { JobTx } from "../db/database.ts";
import { sql } from "../db/sql.ts";

/**
 * Recomputes an organization's daily finance rollup from its invoices and payments, in one
 * set-based statement pair. Revenue and expenses are the ex-tax subtotals of approved invoices
 * (AUTHORISED or PAID: drafts, submitted, voided and deleted ones are not revenue); cash is the
 * sum of payments that were not deleted. Run as the service role after the data changes (the sync, the demo seed, a dashboard refresh).
 */
export async function refreshFinanceRollups(tx: JobTx, orgId: string): Promise<{ days: number }> {
  await tx.query(sql`delete from public.finance_daily_totals where org_id = ${orgId}`);
  const rows = await tx.query(sql`
    insert into public.finance_daily_totals (org_id, day, revenue, expenses, invoices_issued, cash_received, cash_paid)
    select ${orgId}::uuid, day, sum(revenue), sum(expenses), sum(issued), sum(cash_in), sum(cash_out)
    from (
      select i.date as day,
             case when i.type = 'ACCREC' then i.sub_total else 0 end as revenue,
             case when i.type = 'ACCPAY' then i.sub_total else 0 end as expenses,
             case when i.type = 'ACCREC' then 1 else 0 end as issued,
             0::numeric as cash_in, 0::numeric as cash_out
      from public.xero_invoices i
      where i.org_id = ${orgId} and i.status in ('AUTHORISED', 'PAID')
      union all
      select p.date, 0, 0, 0,
             case when p.payment_type = 'ACCRECPAYMENT' then p.amount else 0 end,
             case when p.payment_type = 'ACCPAYPAYMENT' then p.amount else 0 end
      from public.xero_payments p
      where p.org_id = ${orgId} and p.status = 'AUTHORISED'
    ) facts
    group by day
    returning 1`);
  return { days: rows.length };
}
