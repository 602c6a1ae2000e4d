import { sql, type SqlQuery } from "@/server/db/sql";

/**
 * What customers still owe, as the Financial overview reads it: approved or submitted sales invoices
 * with an amount due, from the rollup by contact and due date the triggers keep (one row per
 * contact and due date, not per invoice). Days late are counted from the due date to `today` (the
 * organization's today).
 */
export function openReceivables(orgId: string, contact: string | null): SqlQuery {
  return sql`
    select r.contact_external_id as contact, r.amount_due, r.due_date
    from public.receivables_by_contact_due r
    where r.org_id = ${orgId} and r.invoices > 0
      ${contact ? sql`and r.contact_external_id = ${contact}` : sql``}`;
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

export const AGING_BUCKETS = [
  { key: "current", label: "Current" },
  { key: "d30", label: "1–30 days" },
  { key: "d60", label: "31–60 days" },
  { key: "d90", label: "61–90 days" },
  { key: "d90plus", label: "Over 90 days" },
] as const;
