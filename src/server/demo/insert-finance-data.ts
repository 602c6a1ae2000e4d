import { sql, type Tx } from "@/server/db";
import type { SqlQuery } from "@/server/db/sql";
import type { FinanceDataset } from "./generate-finance-data";

/** Rows per statement: large enough to be set-based, small enough for PGlite's message size. */
const CHUNK = 20_000;

function* chunks(length: number, size: number): Generator<[number, number]> {
  for (let from = 0; from < length; from += size) yield [from, Math.min(length, from + size)];
}

/**
 * Writes a generated dataset into an organization's synced-data tables, set-based (`insert … select
 * from unnest(…)`, one statement per chunk), as the service role would from a sync. Replaces what
 * the organization had, so re-running gives the same state.
 */
export async function insertFinanceData(tx: Tx, orgId: string, data: FinanceDataset): Promise<void> {
  for (const statement of financeDataStatements(orgId, data)) await tx.query(statement);
}

/**
 * `insertFinanceData` for a bulk load (the dashboard benchmark's million invoices): the same rows,
 * written with the rollup triggers off, then the organization's rollups rebuilt from them in one
 * set-based pass (app_private.begin/end_rollup_bulk_load, migration 20261202030000_rollup_bulk_load.sql).
 * The rows and rollups are the ones `insertFinanceData` gives (tests/integration/rollups-bulk-load.test.ts),
 * about a quarter faster at 1M invoices on PGlite (356 s against 482 s, both with a 1 GB page cache).
 * It must run in one transaction (`tx`): a failure rolls back with the triggers on, and a transaction
 * that began and did not end cannot commit. Until commit, other writers of the synced tables wait
 * (ALTER TABLE's lock): for seeding, not for a sync.
 */
export async function bulkInsertFinanceData(tx: Tx, orgId: string, data: FinanceDataset): Promise<void> {
  // One pass over a million rows is one long statement, past a service-role request's timeout; its
  // aggregates and sorts over a million rows spill to disk in the default 4 MB.
  await tx.query(sql`select set_config('statement_timeout', '0', true), set_config('work_mem', '128MB', true)`);
  await tx.query(sql`select app_private.begin_rollup_bulk_load(${orgId}::uuid)`);
  const statements = financeDataStatements(orgId, data);
  for (const statement of statements.slice(0, -1)) await tx.query(statement);
  await tx.query(sql`select app_private.end_rollup_bulk_load(${orgId}::uuid)`);
  await tx.query(statements.at(-1)!);
}

/**
 * The statements of `insertFinanceData`, in order: the deletes, one insert per table chunk, then
 * `analyze`. The background demo seed (demo-data-job.ts) runs them one transaction each, so
 * PGlite's single session is never held for the whole dataset while people sign in.
 */
export function financeDataStatements(orgId: string, data: FinanceDataset, chunk = CHUNK): SqlQuery[] {
  const out: SqlQuery[] = [];
  for (const table of ["xero_payments", "xero_invoices", "xero_contacts", "xero_accounts", "xpm_time_entries", "xpm_costs", "xpm_invoices", "xpm_jobs", "xpm_staff", "xpm_clients"] as const) {
    out.push(deleteFrom(table, orgId));
  }
  const currency = data.currency;
  const a = data.accounts;
  out.push(sql`
    insert into public.xero_accounts (org_id, external_id, code, name, type, class)
    select ${orgId}::uuid, * from unnest(${a.externalId}::text[], ${a.code}::text[], ${a.name}::text[], ${a.type}::text[], ${a.class}::text[])`);
  const c = data.contacts;
  for (const [f, t] of chunks(c.externalId.length, chunk)) {
    out.push(sql`
      insert into public.xero_contacts (org_id, external_id, name, email, is_customer, is_supplier)
      select ${orgId}::uuid, * from unnest(${c.externalId.slice(f, t)}::text[], ${c.name.slice(f, t)}::text[], ${c.email.slice(f, t)}::text[],
                                            ${c.isCustomer.slice(f, t)}::boolean[], ${c.isSupplier.slice(f, t)}::boolean[])`);
  }
  const i = data.invoices;
  for (const [f, t] of chunks(i.externalId.length, chunk)) {
    out.push(sql`
      insert into public.xero_invoices (org_id, external_id, invoice_number, type, status, contact_external_id, date, due_date,
                                        sub_total, total_tax, total, amount_due, amount_paid, amount_credited, fully_paid_on_date,
                                        currency_code, updated_date_utc)
      select ${orgId}::uuid, u.*, ${currency}, now() from unnest(
        ${i.externalId.slice(f, t)}::text[], ${i.number.slice(f, t)}::text[], ${i.type.slice(f, t)}::text[], ${i.status.slice(f, t)}::text[],
        ${i.contact.slice(f, t)}::text[], ${i.date.slice(f, t)}::date[], ${i.dueDate.slice(f, t)}::date[],
        ${i.subTotal.slice(f, t)}::numeric[], ${i.totalTax.slice(f, t)}::numeric[], ${i.total.slice(f, t)}::numeric[],
        ${i.amountDue.slice(f, t)}::numeric[], ${i.amountPaid.slice(f, t)}::numeric[], ${i.amountCredited.slice(f, t)}::numeric[],
        ${i.fullyPaidOn.slice(f, t)}::date[]) as u`);
  }
  const p = data.payments;
  for (const [f, t] of chunks(p.externalId.length, chunk)) {
    out.push(sql`
      insert into public.xero_payments (org_id, external_id, invoice_external_id, payment_type, date, amount, currency_code)
      select ${orgId}::uuid, u.*, ${currency} from unnest(
        ${p.externalId.slice(f, t)}::text[], ${p.invoice.slice(f, t)}::text[], ${p.type.slice(f, t)}::text[],
        ${p.date.slice(f, t)}::date[], ${p.amount.slice(f, t)}::numeric[]) as u`);
  }
  const cl = data.clients;
  out.push(sql`
    insert into public.xpm_clients (org_id, external_id, name, email)
    select ${orgId}::uuid, * from unnest(${cl.externalId}::text[], ${cl.name}::text[], ${cl.email}::text[])`);
  const s = data.staff;
  out.push(sql`
    insert into public.xpm_staff (org_id, external_id, name, email, weekly_capacity_hours, billable_rate, cost_rate)
    select ${orgId}::uuid, * from unnest(${s.externalId}::text[], ${s.name}::text[], ${s.email}::text[],
                                          ${s.capacity}::numeric[], ${s.billableRate}::numeric[], ${s.costRate}::numeric[])`);
  const j = data.jobs;
  for (const [f, t] of chunks(j.externalId.length, chunk)) {
    out.push(sql`
      insert into public.xpm_jobs (org_id, external_id, job_number, client_external_id, name, state, start_date, due_date, completed_date, budget)
      select ${orgId}::uuid, * from unnest(
        ${j.externalId.slice(f, t)}::text[], ${j.number.slice(f, t)}::text[], ${j.client.slice(f, t)}::text[], ${j.name.slice(f, t)}::text[],
        ${j.state.slice(f, t)}::text[], ${j.startDate.slice(f, t)}::date[], ${j.dueDate.slice(f, t)}::date[],
        ${j.completedDate.slice(f, t)}::date[], ${j.budget.slice(f, t)}::numeric[])`);
  }
  const te = data.timeEntries;
  for (const [f, t] of chunks(te.externalId.length, chunk)) {
    out.push(sql`
      insert into public.xpm_time_entries (org_id, external_id, job_external_id, staff_external_id, task_name, entry_date, minutes,
                                           billable, billable_rate, invoice_task_external_id)
      select ${orgId}::uuid, * from unnest(
        ${te.externalId.slice(f, t)}::text[], ${te.job.slice(f, t)}::text[], ${te.staff.slice(f, t)}::text[], ${te.task.slice(f, t)}::text[],
        ${te.date.slice(f, t)}::date[], ${te.minutes.slice(f, t)}::integer[], ${te.billable.slice(f, t)}::boolean[],
        ${te.rate.slice(f, t)}::numeric[], ${te.invoiceTask.slice(f, t)}::text[])`);
  }
  const co = data.costs;
  for (const [f, t] of chunks(co.externalId.length, chunk)) {
    out.push(sql`
      insert into public.xpm_costs (org_id, external_id, job_external_id, cost_date, description, quantity, unit_cost, unit_price, billable, invoice_external_id)
      select ${orgId}::uuid, * from unnest(
        ${co.externalId.slice(f, t)}::text[], ${co.job.slice(f, t)}::text[], ${co.date.slice(f, t)}::date[], ${co.description.slice(f, t)}::text[],
        ${co.quantity.slice(f, t)}::numeric[], ${co.unitCost.slice(f, t)}::numeric[], ${co.unitPrice.slice(f, t)}::numeric[],
        ${co.billable.slice(f, t)}::boolean[], ${co.invoice.slice(f, t)}::text[])`);
  }
  const x = data.xpmInvoices;
  for (const [f, t] of chunks(x.externalId.length, chunk)) {
    out.push(sql`
      insert into public.xpm_invoices (org_id, external_id, invoice_number, client_external_id, job_external_id, status, invoice_date, due_date,
                                       amount, amount_tax, amount_including_tax, amount_paid, amount_outstanding)
      select ${orgId}::uuid, * from unnest(
        ${x.externalId.slice(f, t)}::text[], ${x.number.slice(f, t)}::text[], ${x.client.slice(f, t)}::text[], ${x.job.slice(f, t)}::text[],
        ${x.status.slice(f, t)}::text[], ${x.date.slice(f, t)}::date[], ${x.dueDate.slice(f, t)}::date[], ${x.amount.slice(f, t)}::numeric[],
        ${x.tax.slice(f, t)}::numeric[], ${x.total.slice(f, t)}::numeric[], ${x.paid.slice(f, t)}::numeric[], ${x.outstanding.slice(f, t)}::numeric[])`);
  }
  // Fresh statistics, or the planner takes these tables for empty (PGlite has no autovacuum).
  out.push(sql`
    analyze public.xero_invoices, public.xero_payments, public.xero_contacts, public.xpm_time_entries, public.xpm_costs,
            public.xpm_jobs, public.xpm_clients, public.xpm_staff, public.xpm_invoices`);
  return out;
}

// Table names come from the closed list above, never from input.
function deleteFrom(table: string, orgId: string) {
  return sql([`delete from public.${table} where org_id = `, ""], orgId);
}
