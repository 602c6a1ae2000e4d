import type { JobTx } from "../db/database.ts";
import { sql } from "../db/sql.ts";
import { IMPORT_BATCH_ROWS } from "./apply-batch.ts";

/**
 * The one revert mechanism, for Undo and for a failed import: rows the import created are deleted,
 * rows it updated get their previous values (and version) back, and rows edited since (their version
 * is no longer the one the import wrote) are kept and listed. Every step is idempotent and batched,
 * so a revert that is interrupted simply runs again. Quantity surveys go before purchase orders, and
 * a PO that has quantity surveys (added by a later import) is kept.
 */
type Table = "purchase_orders" | "quantity_surveys";

/** Deletes up to one batch of rows the import created and nobody edited since; returns how many. */
export async function deleteCreatedBatch(tx: JobTx, table: Table, importId: string, orgId: string): Promise<number> {
  const rows =
    table === "quantity_surveys"
      ? await tx.query(sql`
          delete from public.quantity_surveys where id in (
            select id from public.quantity_surveys
             where org_id = ${orgId} and created_import_id = ${importId} and version = 1
             limit ${IMPORT_BATCH_ROWS})
          returning 1`)
      : await tx.query(sql`
          delete from public.purchase_orders where id in (
            select p.id from public.purchase_orders p
             where p.org_id = ${orgId} and p.created_import_id = ${importId} and p.version = 1
               and not exists (select 1 from public.quantity_surveys q where q.po_id = p.id)
             limit ${IMPORT_BATCH_ROWS})
          returning 1`);
  return rows.length;
}

/** Restores up to one batch of updated rows from their recorded previous values; returns how many changes it settled. */
export async function restoreUpdatedBatch(tx: JobTx, table: Table, importId: string): Promise<{ settled: number; restored: number }> {
  const row =
    table === "purchase_orders"
      ? await tx.one<{ settled: number; restored: number }>(sql`
          with ch as (
            select id, row_id, previous, version_after from public.import_changes
             where import_id = ${importId} and table_name = 'purchase_orders' and outcome is null
             order by id limit ${IMPORT_BATCH_ROWS} for update
          ), restored as (
            update public.purchase_orders t set
              supplier = r.supplier, description = r.description, order_value = r.order_value, currency = r.currency,
              order_date = r.order_date, job_number = r.job_number, status = r.status, source = r.source,
              import_id = r.import_id, updated_by = r.updated_by, updated_at = r.updated_at, version = r.version
              from ch cross join lateral jsonb_populate_record(null::public.purchase_orders, ch.previous) r
             where t.id = ch.row_id and t.version = ch.version_after
            returning t.id
          ), marked as (
            update public.import_changes c set reverted_at = now(),
              outcome = case when exists (select 1 from restored x where x.id = c.row_id) then 'restored'
                             when exists (select 1 from public.purchase_orders p where p.id = c.row_id) then 'kept'
                             else 'gone' end
              from ch where c.id = ch.id
            returning c.outcome
          )
          select (select count(*) from marked)::int as settled, (select count(*) from restored)::int as restored`)
      : await tx.one<{ settled: number; restored: number }>(sql`
          with ch as (
            select id, row_id, previous, version_after from public.import_changes
             where import_id = ${importId} and table_name = 'quantity_surveys' and outcome is null
             order by id limit ${IMPORT_BATCH_ROWS} for update
          ), restored as (
            update public.quantity_surveys t set
              po_id = r.po_id, valuation_date = r.valuation_date, amount = r.amount, description = r.description,
              source = r.source, import_id = r.import_id, updated_by = r.updated_by, updated_at = r.updated_at, version = r.version
              from ch cross join lateral jsonb_populate_record(null::public.quantity_surveys, ch.previous) r
             where t.id = ch.row_id and t.version = ch.version_after
               and exists (select 1 from public.purchase_orders p where p.id = r.po_id)
            returning t.id
          ), marked as (
            update public.import_changes c set reverted_at = now(),
              outcome = case when exists (select 1 from restored x where x.id = c.row_id) then 'restored'
                             when exists (select 1 from public.quantity_surveys q where q.id = c.row_id) then 'kept'
                             else 'gone' end
              from ch where c.id = ch.id
            returning c.outcome
          )
          select (select count(*) from marked)::int as settled, (select count(*) from restored)::int as restored`);
  return { settled: Number(row.settled), restored: Number(row.restored) };
}

export interface KeptRow {
  table: Table;
  key: string;
  reason: "edited_since" | "has_quantity_surveys" | "deleted_since";
}

const KEPT_LISTED = 1_000;

/** What the revert left in place, and why (after the batches above ran to the end). */
export async function keptRows(tx: JobTx, table: Table, importId: string, orgId: string): Promise<{ kept: KeptRow[]; keptTotal: number }> {
  const created =
    table === "purchase_orders"
      ? sql`select po_number as key, case when version <> 1 then 'edited_since' else 'has_quantity_surveys' end as reason
              from public.purchase_orders where org_id = ${orgId} and created_import_id = ${importId}`
      : sql`select qs_number as key, 'edited_since' as reason
              from public.quantity_surveys where org_id = ${orgId} and created_import_id = ${importId}`;
  const rows = await tx.query<{ key: string; reason: KeptRow["reason"]; total: number }>(sql`
    with kept as (
      ${created}
      union all
      select row_key, case outcome when 'kept' then 'edited_since' else 'deleted_since' end
        from public.import_changes where import_id = ${importId} and table_name = ${table} and outcome in ('kept', 'gone')
    )
    select key, reason, count(*) over ()::int as total from kept order by key limit ${KEPT_LISTED}`);
  return { kept: rows.map((r) => ({ table, key: r.key, reason: r.reason })), keptTotal: rows[0]?.total ?? 0 };
}
