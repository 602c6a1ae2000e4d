/**
 * Writes synced rows: one `insert … select from unnest(…) on conflict (org_id, external_id) do update`
 * per batch, so a retried or overlapping page updates rows instead of duplicating them. Xero rows carry
 * UpdatedDateUTC, and an older copy never overwrites a newer one (out-of-order pages, webhook races).
 * Table and column names come from the fixed specs below, never from input.
 */
import type { JobTx } from "../db/database.ts";
import { sql, type SqlQuery } from "../db/sql.ts";

type ColumnType = "text" | "date" | "timestamptz" | "numeric" | "integer" | "boolean";

interface TableSpec {
  table: string;
  columns: readonly (readonly [string, ColumnType])[];
  /** Has updated_date_utc: only an equal or newer copy replaces a stored row. */
  dated: boolean;
}

const spec = (table: string, dated: boolean, columns: TableSpec["columns"]): TableSpec => ({ table, dated, columns });

export const SYNC_TABLES = {
  xero_contacts: spec("xero_contacts", true, [
    ["external_id", "text"], ["name", "text"], ["email", "text"], ["is_customer", "boolean"], ["is_supplier", "boolean"],
    ["contact_status", "text"], ["updated_date_utc", "timestamptz"],
  ]),
  xero_accounts: spec("xero_accounts", true, [
    ["external_id", "text"], ["code", "text"], ["name", "text"], ["type", "text"], ["class", "text"], ["status", "text"],
    ["updated_date_utc", "timestamptz"],
  ]),
  xero_invoices: spec("xero_invoices", true, [
    ["external_id", "text"], ["invoice_number", "text"], ["type", "text"], ["status", "text"], ["contact_external_id", "text"],
    ["date", "date"], ["due_date", "date"], ["sub_total", "numeric"], ["total_tax", "numeric"], ["total", "numeric"],
    ["amount_due", "numeric"], ["amount_paid", "numeric"], ["amount_credited", "numeric"], ["currency_code", "text"],
    ["fully_paid_on_date", "date"], ["updated_date_utc", "timestamptz"],
  ]),
  xero_payments: spec("xero_payments", true, [
    ["external_id", "text"], ["invoice_external_id", "text"], ["account_external_id", "text"], ["payment_type", "text"],
    ["status", "text"], ["date", "date"], ["amount", "numeric"], ["currency_code", "text"], ["updated_date_utc", "timestamptz"],
  ]),
  xpm_clients: spec("xpm_clients", false, [["external_id", "text"], ["name", "text"], ["email", "text"], ["is_archived", "boolean"]]),
  xpm_staff: spec("xpm_staff", false, [
    ["external_id", "text"], ["name", "text"], ["email", "text"], ["is_active", "boolean"], ["weekly_capacity_hours", "numeric"],
    ["billable_rate", "numeric"], ["cost_rate", "numeric"],
  ]),
  xpm_jobs: spec("xpm_jobs", false, [
    ["external_id", "text"], ["job_number", "text"], ["client_external_id", "text"], ["name", "text"], ["state", "text"],
    ["start_date", "date"], ["due_date", "date"], ["completed_date", "date"], ["budget", "numeric"],
  ]),
  xpm_time_entries: spec("xpm_time_entries", false, [
    ["external_id", "text"], ["job_external_id", "text"], ["staff_external_id", "text"], ["task_name", "text"], ["entry_date", "date"],
    ["minutes", "integer"], ["billable", "boolean"], ["billable_rate", "numeric"], ["invoice_task_external_id", "text"],
  ]),
  xpm_costs: spec("xpm_costs", false, [
    ["external_id", "text"], ["job_external_id", "text"], ["cost_date", "date"], ["description", "text"], ["quantity", "numeric"],
    ["unit_cost", "numeric"], ["unit_price", "numeric"], ["billable", "boolean"], ["invoice_external_id", "text"],
  ]),
  xpm_invoices: spec("xpm_invoices", false, [
    ["external_id", "text"], ["invoice_number", "text"], ["client_external_id", "text"], ["job_external_id", "text"], ["type", "text"],
    ["status", "text"], ["invoice_date", "date"], ["due_date", "date"], ["amount", "numeric"], ["amount_tax", "numeric"],
    ["amount_including_tax", "numeric"], ["amount_paid", "numeric"], ["amount_outstanding", "numeric"],
  ]),
} as const satisfies Record<string, TableSpec>;

export type SyncTable = keyof typeof SYNC_TABLES;
type Row = { external_id: string };

/** The last copy of each external id wins (Postgres refuses to update one row twice in a statement). */
function lastPerId<R extends Row>(rows: readonly R[]): R[] {
  const byId = new Map<string, R>();
  for (const row of rows) byId.set(row.external_id, row);
  return [...byId.values()];
}

/** Upserts rows for one organization; returns how many rows were inserted or changed. */
export async function upsertRows(tx: JobTx, table: SyncTable, orgId: string, rows: readonly Row[]): Promise<number> {
  const unique = lastPerId(rows);
  if (unique.length === 0) return 0;
  const { columns, dated } = SYNC_TABLES[table];
  const names = columns.map(([name]) => name);
  const updates = names.filter((n) => n !== "external_id").map((n) => `${n} = excluded.${n}`);
  const guard = dated ? " where excluded.updated_date_utc is null or t.updated_date_utc is null or excluded.updated_date_utc >= t.updated_date_utc" : "";
  // Text pieces around the parameters: org id, then one array per column.
  const strings = [
    `insert into public.${table} as t (org_id, ${names.join(", ")}, synced_at) select `,
    `::uuid, u.*, now() from unnest(`,
    ...columns.slice(0, -1).map(([, type]) => `::${type}[], `),
    `::${columns[columns.length - 1]![1]}[]) as u(${names.join(", ")}) on conflict (org_id, external_id) do update set ${updates.join(", ")}, synced_at = now()${guard} returning 1`,
  ];
  const values = [orgId, ...columns.map(([name]) => unique.map((row) => (row as Record<string, unknown>)[name] ?? null))];
  const result = await tx.query(sql(strings, ...values));
  return result.length;
}

/** Marks rows missing from a complete list as gone (archived, inactive, deleted); returns how many. */
export async function markMissing(tx: JobTx, query: SqlQuery): Promise<number> {
  return (await tx.query(query)).length;
}

/** The "missing from a complete list" statements, one per kind of list the sync reads whole. */
export const missing = {
  xeroAccounts: (orgId: string, ids: string[]) => sql`
    update public.xero_accounts set status = 'DELETED', synced_at = now()
    where org_id = ${orgId} and status <> 'DELETED' and not (external_id = any(${ids}::text[])) returning 1`,
  xpmClients: (orgId: string, ids: string[]) => sql`
    update public.xpm_clients set is_archived = true, synced_at = now()
    where org_id = ${orgId} and not is_archived and not (external_id = any(${ids}::text[])) returning 1`,
  xpmStaff: (orgId: string, ids: string[]) => sql`
    update public.xpm_staff set is_active = false, synced_at = now()
    where org_id = ${orgId} and is_active and not (external_id = any(${ids}::text[])) returning 1`,
  /** Time entries deleted in XPM: gone from the window that was read. */
  xpmTime: (orgId: string, ids: string[], from: string, to: string) => sql`
    delete from public.xpm_time_entries
    where org_id = ${orgId} and entry_date between ${from}::date and ${to}::date and not (external_id = any(${ids}::text[])) returning 1`,
  /** Costs deleted from the jobs whose costs were read. */
  xpmCosts: (orgId: string, jobIds: string[], ids: string[]) => sql`
    delete from public.xpm_costs
    where org_id = ${orgId} and job_external_id = any(${jobIds}::text[]) and not (external_id = any(${ids}::text[])) returning 1`,
};
