import type { JobTx } from "../db/database.ts";
import { sql } from "../db/sql.ts";
import { MAX_EVALUATED_PO_IDS } from "../alerts/alert-evaluate-payload.ts";

/** Staged rows per batch: each batch is one short transaction. */
export const IMPORT_BATCH_ROWS = 5_000;

export interface ImportTarget {
  importId: string;
  orgId: string;
  type: "purchase_orders" | "quantity_surveys";
  /** Who confirmed: written as created_by / updated_by. */
  userId: string | null;
  orgCurrency: string;
}

export interface BatchOutcome {
  /** Valid staged rows in this batch. */
  rows: number;
  /** The end of the batch's range: the checkpoint. */
  lastRow: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows that became invalid since validation (a QS whose PO was deleted meanwhile). */
  invalid: number;
}

/**
 * Applies the valid staged rows numbered `fromRow` + 1 … `fromRow` + IMPORT_BATCH_ROWS, in one
 * statement: rows staged as new are inserted (those someone created meanwhile join the rest); the
 * rows it will update are locked and read first (their previous values go to import_changes), then one
 * `insert … on conflict (org_id, number) do update … where <something differs>` writes them, so an
 * identical row is left alone (no version bump, no change recorded) and a retried batch cannot
 * duplicate anything. Fields the mapping left out keep their stored value.
 */
export async function applyImportBatch(tx: JobTx, target: ImportTarget, fromRow: number): Promise<BatchOutcome> {
  const row = target.type === "purchase_orders" ? await applyPurchaseOrders(tx, target, fromRow) : await applyQuantitySurveys(tx, target, fromRow);
  return {
    rows: Number(row.rows),
    lastRow: fromRow + IMPORT_BATCH_ROWS,
    created: Number(row.created),
    updated: Number(row.updated),
    unchanged: Number(row.rows) - Number(row.created) - Number(row.updated) - Number(row.invalid),
    invalid: Number(row.invalid),
  };
}

interface BatchRow {
  rows: number;
  created: number;
  updated: number;
  invalid: number;
}

// Every lookup is a LATERAL probe of a unique index, so no join order the planner may pick from
// stale statistics (PGlite never auto-analyzes) can turn a batch into a scan per row; and no CTE is
// joined to another, for the same reason.
//
// Rows validation found new are inserted first, with no probe and nothing to record (on conflict do
// nothing): only rows to update, and new ones someone created meanwhile, take the locked probe and
// the bookkeeping. Besides the work saved, a probe of a table that looks empty to the planner (a
// first import, never analyzed: PGlite has no autovacuum) could go through another index leading
// with org_id (the PO list's sort indexes tie on cost there) and scan every row the same statement
// had just inserted: 12 million index tuples for the first 5,000 rows, 16 s on PGlite.
// A batch is a range of IMPORT_BATCH_ROWS row numbers: read through the primary key, never a sort
// of every row still to apply (that was quadratic over a 100,000-row import).
function applyPurchaseOrders(tx: JobTx, t: ImportTarget, fromRow: number) {
  return tx.one<BatchRow>(sql`
    with batch as (
      select row_number, action, "values" as v from public.import_rows
       where import_id = ${t.importId} and row_number > ${fromRow} and row_number <= ${fromRow + IMPORT_BATCH_ROWS} and action <> 'invalid'
    ), fresh as (
      insert into public.purchase_orders as p
        (org_id, po_number, supplier, description, order_value, currency, order_date, job_number, status,
         source, import_id, created_import_id, created_by, updated_by)
      select ${t.orgId}::uuid, b.v ->> 'poNumber', b.v ->> 'supplier', b.v ->> 'description', (b.v ->> 'orderValue')::numeric(14, 2),
             coalesce(b.v ->> 'currency', ${t.orgCurrency}), (b.v ->> 'orderDate')::date, b.v ->> 'jobNumber',
             coalesce(b.v ->> 'status', 'open'), 'import', ${t.importId}::uuid, ${t.importId}::uuid, ${t.userId}::uuid, ${t.userId}::uuid
        from batch b
       where b.action = 'create'
      on conflict (org_id, po_number) do nothing
      returning p.po_number
    ), src as (
      select b.row_number, b.v ->> 'poNumber' as po_number, b.v ->> 'supplier' as supplier,
             case when b.v ? 'description' then b.v ->> 'description' else pv.description end as description,
             (b.v ->> 'orderValue')::numeric(14, 2) as order_value,
             case when b.v ? 'currency' then b.v ->> 'currency' else coalesce(pv.currency, ${t.orgCurrency}) end as currency,
             case when b.v ? 'orderDate' then (b.v ->> 'orderDate')::date else pv.order_date end as order_date,
             case when b.v ? 'jobNumber' then b.v ->> 'jobNumber' else pv.job_number end as job_number,
             coalesce(b.v ->> 'status', pv.status, 'open') as status,
             pv.id as prev_id, pv.version as prev_version,
             (pv.supplier, pv.description, pv.order_value, pv.currency, pv.order_date, pv.job_number, pv.status) as prev_fields,
             case when pv.id is null then null else to_jsonb(pv) - 'spent' - 'utilization_percent' end as previous
        from batch b
        left join lateral (
          select p.* from public.purchase_orders p
           where p.org_id = ${t.orgId} and p.po_number = b.v ->> 'poNumber'
           for update
        ) pv on true
       where b.action <> 'create' or not exists (select 1 from fresh f where f.po_number = b.v ->> 'poNumber')
    ), up as (
      insert into public.purchase_orders as p
        (org_id, po_number, supplier, description, order_value, currency, order_date, job_number, status,
         source, import_id, created_import_id, created_by, updated_by)
      select ${t.orgId}::uuid, s.po_number, s.supplier, s.description, s.order_value, s.currency, s.order_date, s.job_number,
             s.status, 'import', ${t.importId}::uuid, ${t.importId}::uuid, ${t.userId}::uuid, ${t.userId}::uuid
        from src s
      on conflict (org_id, po_number) do update set
        supplier = excluded.supplier, description = excluded.description, order_value = excluded.order_value,
        currency = excluded.currency, order_date = excluded.order_date, job_number = excluded.job_number,
        status = excluded.status, source = 'import', import_id = excluded.import_id, updated_by = excluded.updated_by
      where (p.supplier, p.description, p.order_value, p.currency, p.order_date, p.job_number, p.status)
            is distinct from
            (excluded.supplier, excluded.description, excluded.order_value, excluded.currency, excluded.order_date,
             excluded.job_number, excluded.status)
      returning (p.xmax = 0) as inserted
    ), changes as (
      -- The rows the upsert updates are exactly those locked above whose fields differ; the version
      -- trigger moves each from prev_version to prev_version + 1.
      insert into public.import_changes (import_id, org_id, table_name, row_id, row_key, previous, version_after)
      select ${t.importId}::uuid, ${t.orgId}::uuid, 'purchase_orders', s.prev_id, s.po_number, s.previous, s.prev_version + 1
        from src s
       where s.prev_id is not null
         and s.prev_fields is distinct from (s.supplier, s.description, s.order_value, s.currency, s.order_date, s.job_number, s.status)
      returning 1
    )
    select (select count(*) from batch)::int as rows,
           (select count(*) from fresh)::int + count(*) filter (where inserted)::int as created,
           count(*) filter (where not inserted)::int as updated, 0 as invalid, (select count(*) from changes)::int as recorded
      from up`);
}

function applyQuantitySurveys(tx: JobTx, t: ImportTarget, fromRow: number) {
  return tx.one<BatchRow>(sql`
    with batch as (
      select row_number, action, "values" as v from public.import_rows
       where import_id = ${t.importId} and row_number > ${fromRow} and row_number <= ${fromRow + IMPORT_BATCH_ROWS} and action <> 'invalid'
    ), fresh as (
      insert into public.quantity_surveys as q
        (org_id, qs_number, po_id, valuation_date, amount, description, source, import_id, created_import_id, created_by, updated_by)
      select ${t.orgId}::uuid, b.v ->> 'qsNumber', po.id, (b.v ->> 'valuationDate')::date, (b.v ->> 'amount')::numeric(14, 2),
             b.v ->> 'description', 'import', ${t.importId}::uuid, ${t.importId}::uuid, ${t.userId}::uuid, ${t.userId}::uuid
        from batch b
        join lateral (
          select p.id from public.purchase_orders p where p.org_id = ${t.orgId} and p.po_number = b.v ->> 'poNumber'
        ) po on true
       where b.action = 'create'
      on conflict (org_id, qs_number) do nothing
      returning q.qs_number
    ), src as (
      select b.row_number, b.v ->> 'qsNumber' as qs_number, b.v ->> 'poNumber' as po_number, po.id as po_id,
             (b.v ->> 'valuationDate')::date as valuation_date, (b.v ->> 'amount')::numeric(14, 2) as amount,
             case when b.v ? 'description' then b.v ->> 'description' else pv.description end as description,
             pv.id as prev_id, pv.version as prev_version,
             (pv.po_id, pv.valuation_date, pv.amount, pv.description) as prev_fields,
             case when pv.id is null then null else to_jsonb(pv) end as previous
        from batch b
        left join lateral (
          select p.id from public.purchase_orders p where p.org_id = ${t.orgId} and p.po_number = b.v ->> 'poNumber'
        ) po on true
        left join lateral (
          select q.* from public.quantity_surveys q
           where q.org_id = ${t.orgId} and q.qs_number = b.v ->> 'qsNumber'
           for update
        ) pv on true
       where b.action <> 'create' or not exists (select 1 from fresh f where f.qs_number = b.v ->> 'qsNumber')
    ), up as (
      insert into public.quantity_surveys as q
        (org_id, qs_number, po_id, valuation_date, amount, description, source, import_id, created_import_id, created_by, updated_by)
      select ${t.orgId}::uuid, s.qs_number, s.po_id, s.valuation_date, s.amount, s.description,
             'import', ${t.importId}::uuid, ${t.importId}::uuid, ${t.userId}::uuid, ${t.userId}::uuid
        from src s
       where s.po_id is not null
      on conflict (org_id, qs_number) do update set
        po_id = excluded.po_id, valuation_date = excluded.valuation_date, amount = excluded.amount,
        description = excluded.description, source = 'import', import_id = excluded.import_id, updated_by = excluded.updated_by
      where (q.po_id, q.valuation_date, q.amount, q.description)
            is distinct from (excluded.po_id, excluded.valuation_date, excluded.amount, excluded.description)
      returning (q.xmax = 0) as inserted
    ), changes as (
      insert into public.import_changes (import_id, org_id, table_name, row_id, row_key, previous, version_after)
      select ${t.importId}::uuid, ${t.orgId}::uuid, 'quantity_surveys', s.prev_id, s.qs_number, s.previous, s.prev_version + 1
        from src s
       where s.prev_id is not null and s.po_id is not null
         and s.prev_fields is distinct from (s.po_id, s.valuation_date, s.amount, s.description)
      returning 1
    ), orphaned as (
      -- The PO was there at validation and is gone now: the row is skipped and says why.
      update public.import_rows r
         set action = 'invalid',
             errors = coalesce(r.errors, '{}'::jsonb) || jsonb_build_object('poNumber', format('PO "%s" no longer exists', s.po_number))
        from src s
       where r.import_id = ${t.importId} and r.row_number = s.row_number and s.po_id is null
      returning 1
    )
    select (select count(*) from batch)::int as rows,
           (select count(*) from fresh)::int + count(*) filter (where inserted)::int as created,
           count(*) filter (where not inserted)::int as updated,
           (select count(*) from orphaned)::int as invalid, (select count(*) from changes)::int as recorded
      from up`);
}

/**
 * The POs whose figures an import (or its undo) changed, for alert evaluation: their number, and
 * their ids when there are at most `limit` (more are evaluated as the whole organization, so a
 * 100,000-row import does not carry 100,000 ids into the job process, and PGlite's memory, for
 * nothing).
 */
export async function touchedPurchaseOrders(
  tx: JobTx,
  target: Pick<ImportTarget, "importId" | "orgId" | "type">,
  limit = MAX_EVALUATED_PO_IDS,
): Promise<{ total: number; ids: string[] | undefined }> {
  const touched =
    target.type === "purchase_orders"
      ? sql`select id from public.purchase_orders where org_id = ${target.orgId} and import_id = ${target.importId}
            union
            select row_id from public.import_changes where import_id = ${target.importId} and table_name = 'purchase_orders'`
      : sql`select distinct po_id as id from public.quantity_surveys where org_id = ${target.orgId} and import_id = ${target.importId}
            union
            select (previous ->> 'po_id')::uuid from public.import_changes where import_id = ${target.importId} and table_name = 'quantity_surveys'`;
  const rows = await tx.query<{ id: string; total: number }>(sql`
    select t.id, count(*) over ()::int as total from (${touched}) t where t.id is not null limit ${limit + 1}`);
  const total = rows[0]?.total ?? 0;
  return { total, ids: total > limit ? undefined : rows.map((r) => r.id) };
}
