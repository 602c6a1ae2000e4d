import { sql, type SqlQuery } from "@/server/db/sql";

/**
 * What customers still owe, as the Financial overview reads it: approved or submitted sales invoices
 * with an amount due, from the receivables rollups the triggers keep (per contact and due date, per
 * contact, per due date: never one row per invoice). Days late are counted from the due date to
 * `today` (the organization's today).
 */
export function openReceivables(orgId: string, contact: string | null): SqlQuery {
  return sql`
    select r.contact_external_id as contact, r.amount_due, r.due_date
    from public.receivables_by_contact_due r
    where r.org_id = ${orgId} and r.invoices > 0
      ${contact ? sql`and r.contact_external_id = ${contact}` : sql``}`;
}

/**
 * (amount_due, due_date) rows to total over, without a breakdown by contact: a contact's rows, or for
 * every contact the rollup by due date (a few hundred rows, however many contacts owe).
 */
export function openReceivablesTotals(orgId: string, contact: string | null): SqlQuery {
  if (contact) return openReceivables(orgId, contact);
  return sql`select r.amount_due, r.due_date from public.receivables_by_due r where r.org_id = ${orgId} and r.invoices > 0`;
}

/** The five aging sums over `o` (a row of openReceivables), as of `today`. */
export function agingSums(today: string): SqlQuery {
  return sql`
    coalesce(sum(o.amount_due) filter (where ${today}::date - o.due_date <= 0 or o.due_date is null), 0) as current,
    coalesce(sum(o.amount_due) filter (where ${today}::date - o.due_date between 1 and 30), 0) as d30,
    coalesce(sum(o.amount_due) filter (where ${today}::date - o.due_date between 31 and 60), 0) as d60,
    coalesce(sum(o.amount_due) filter (where ${today}::date - o.due_date between 61 and 90), 0) as d90,
    coalesce(sum(o.amount_due) filter (where ${today}::date - o.due_date > 90), 0) as d90plus,
    coalesce(sum(o.amount_due), 0) as total`;
}

export interface ReceivablesByContactRow {
  id: string;
  name: string | null;
  current: number;
  d30: number;
  d60: number;
  d90: number;
  d90plus: number;
  total: number;
  /** Over every contact that owes (or the filtered one): the total, its current part, and how many contacts. */
  grand: number;
  grand_current: number;
  n: number;
}

/**
 * The `limit` contacts who owe the most (largest balance first, then by id), each with its aging
 * buckets: the balances come in order from the rollup by contact's balance index, and only those
 * contacts' due dates are read; the grand totals come from the rollup by due date.
 */
export function receivablesByContact(orgId: string, contact: string | null, today: string, limit: number): SqlQuery {
  const onlyContact = contact ? sql`and r.contact_external_id = ${contact}` : sql``;
  return sql`
    with top as (
      select r.contact_external_id as contact from public.receivables_by_contact r
      where r.org_id = ${orgId} and r.invoices > 0 ${onlyContact}
      order by r.amount_due desc, r.contact_external_id
      limit ${limit}
    ), o as (
      select r.contact_external_id as contact, r.amount_due, r.due_date
      from public.receivables_by_contact_due r
      where r.org_id = ${orgId} and r.invoices > 0 and r.contact_external_id in (select t.contact from top t)
    ), by_contact as (
      select o.contact, ${agingSums(today)} from o group by o.contact
    ), grand as (
      select ${agingSums(today)} from (${openReceivablesTotals(orgId, contact)}) o
    ), everyone as (
      select count(*) as n from public.receivables_by_contact r where r.org_id = ${orgId} and r.invoices > 0 ${onlyContact}
    )
    select b.contact as id, c.name, b.current, b.d30, b.d60, b.d90, b.d90plus, b.total, g.total as grand, g.current as grand_current, e.n
    from by_contact b
    cross join grand g
    cross join everyone e
    left join public.xero_contacts c on c.org_id = ${orgId} and c.external_id = b.contact
    order by b.total desc, b.contact`;
}

export const AGING_BUCKETS = [
  { key: "current", label: "Current" },
  { key: "d30", label: "1–30 days" },
  { key: "d60", label: "31–60 days" },
  { key: "d90", label: "61–90 days" },
  { key: "d90plus", label: "Over 90 days" },
] as const;
