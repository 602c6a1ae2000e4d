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
 * What is still owed today, bucketed by days past due, from the receivables rollups: the page of
 * contacts in order of balance is one index scan of receivables_by_contact, their buckets come from
 * their rows by due date, and the totals from the rollup by due date (a few hundred rows). Names are
 * looked up for the listed contacts only.
 */
export async function receivablesAging(tx: Tx, orgId: string, range: DateRange, filters: { contact?: string }, limit: number | null): Promise<ReceivablesAging> {
  const contactFilter = filters.contact ? sql`and r.contact_external_id = ${filters.contact}` : sql``;
  const bucketSums = sql`
             coalesce(sum(r.amount_due) filter (where ${range.today}::date - r.due_date <= 0 or r.due_date is null), 0) as current,
             coalesce(sum(r.amount_due) filter (where ${range.today}::date - r.due_date between 1 and 30), 0) as d30,
             coalesce(sum(r.amount_due) filter (where ${range.today}::date - r.due_date between 31 and 60), 0) as d60,
             coalesce(sum(r.amount_due) filter (where ${range.today}::date - r.due_date between 61 and 90), 0) as d90,
             coalesce(sum(r.amount_due) filter (where ${range.today}::date - r.due_date > 90), 0) as d90plus,
             coalesce(sum(r.amount_due), 0) as total`;
  const rows = await tx.query<{
    contact_id: string | null; name: string | null; current: number; d30: number; d60: number; d90: number; d90plus: number; total: number; contacts: number;
  }>(sql`
    with page as (
      select r.contact_external_id, r.amount_due
      from public.receivables_by_contact r
      where r.org_id = ${orgId} and r.invoices > 0 ${contactFilter}
      order by r.amount_due desc, r.contact_external_id ${limit === null ? sql`` : sql`limit ${limit}`}
    ), grand as (
      select null::text as contact_id, ${bucketSums},
             (select count(*) from public.receivables_by_contact r where r.org_id = ${orgId} and r.invoices > 0 ${contactFilter}) as contacts
      from ${filters.contact ? sql`public.receivables_by_contact_due` : sql`public.receivables_by_due`} r
      where r.org_id = ${orgId} and r.invoices > 0 ${contactFilter}
    ), listed as (
      -- Each listed contact's own rows by due date, through the rollup's key: a page of contacts
      -- reads its rows, never the whole table.
      select p.contact_external_id as contact_id, b.*, 0 as contacts
      from page p
      cross join lateral (
        select ${bucketSums}
        from public.receivables_by_contact_due r
        where r.org_id = ${orgId} and r.contact_external_id = p.contact_external_id and r.invoices > 0
      ) b
    )
    select t.*, (select c.name from public.xero_contacts c where c.org_id = ${orgId} and c.external_id = t.contact_id) as name
    from (select * from grand union all select * from listed) t
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
