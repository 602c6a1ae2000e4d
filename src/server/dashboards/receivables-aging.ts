import { sql, type Tx } from "@/server/db";
import type { AgingBuckets, AgingRow } from "@/lib/dashboard-views";
import type { DateRange } from "./date-range";
import { toMoney } from "./to-money";

export interface ReceivablesAging {
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
export async function receivablesAging(tx: Tx, orgId: string, range: DateRange, filters: { contact?: string }, limit: number | null): Promise<ReceivablesAging> {
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
