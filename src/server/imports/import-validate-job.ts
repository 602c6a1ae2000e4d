import { z } from "zod";
import { IMPORT_KEY_FIELD, IMPORT_TEMPLATES, type ImportCounts, type ImportType } from "@/lib/import-views";
import { config } from "@/server/config";
import { importFileStore } from "@/server/storage/import-files";
import type { JobTx } from "@edge-shared/db/database.ts";
import { sql } from "@edge-shared/db/sql.ts";
import { JobStopped } from "@edge-shared/jobs/errors.ts";
import { defineJobKind } from "@edge-shared/jobs/job-kind.ts";
import { validateRow, type ValidatedRow } from "./validate-row";
import { readSheetRows } from "./xlsx/read-sheet";
import { readWorkbookParts } from "./xlsx/workbook-parts";
import { unreadable, WorkbookRefused } from "./xlsx/workbook-refused";

/**
 * Validates an upload in the app's own process (Node: exceljs cannot run in an Edge Function's
 * 2-second CPU budget): streams the chosen sheet, validates every cell, checks duplicates in the
 * file and (for quantity surveys) that each PO exists, classifies each row as create / update /
 * unchanged / invalid against the organization's data, and stages the rows in batches of 5,000, each
 * its own transaction with the progress. A new sheet or mapping bumps the import's revision: a run
 * for an older revision stops at its next batch and writes nothing more. Restarted from scratch on a
 * retry (staged rows are replaced), so a killed worker costs time, never correctness.
 */
const BATCH = 5_000;

interface ImportForValidation {
  id: string;
  org_id: string;
  type: ImportType;
  status: string;
  revision: number;
  storage_path: string;
  sheet: string | null;
  header_row: number | null;
  mapping: Record<string, number | null>;
  currency: string;
}

class Superseded extends Error {}

/**
 * A staged row whose stored counterpart differs in a field the file carries (an unmapped or, for
 * status, empty cell is not carried and keeps the stored value). Compared as text, exactly as the
 * staged values are normalized: decimals with 2 places, dates as YYYY-MM-DD.
 */
function differs(type: ImportType) {
  return type === "purchase_orders"
    ? sql`(x.v ? 'supplier' and x.v ->> 'supplier' is distinct from e.supplier)
          or (x.v ? 'description' and x.v ->> 'description' is distinct from e.description)
          or (x.v ? 'orderValue' and x.v ->> 'orderValue' is distinct from e.order_value::text)
          or (x.v ? 'currency' and x.v ->> 'currency' is distinct from e.currency)
          or (x.v ? 'orderDate' and x.v ->> 'orderDate' is distinct from e.order_date::text)
          or (x.v ? 'jobNumber' and x.v ->> 'jobNumber' is distinct from e.job_number)
          or (x.v ? 'status' and x.v ->> 'status' is distinct from e.status)`
    : sql`(x.v ? 'poNumber' and x.v ->> 'poNumber' is distinct from (select p.po_number from public.purchase_orders p where p.id = e.po_id))
          or (x.v ? 'valuationDate' and x.v ->> 'valuationDate' is distinct from e.valuation_date::text)
          or (x.v ? 'amount' and x.v ->> 'amount' is distinct from e.amount::text)
          or (x.v ? 'description' and x.v ->> 'description' is distinct from e.description)`;
}

/** The stored row with the same natural key: one probe of the (org, number) unique index per row. */
function storedRow(type: ImportType, orgId: string) {
  return type === "purchase_orders"
    ? sql`select p.supplier, p.description, p.order_value, p.currency, p.order_date, p.job_number, p.status
            from public.purchase_orders p where p.org_id = ${orgId} and p.po_number = x.key`
    : sql`select q.po_id, q.valuation_date, q.amount, q.description
            from public.quantity_surveys q where q.org_id = ${orgId} and q.qs_number = x.key`;
}

export const importValidate = defineJobKind({
  kind: "import.validate",
  runner: "node",
  readPermission: "imports.run",
  maxAttempts: 3,
  payload: z.object({ importId: z.uuid(), revision: z.number().int().min(1) }).strict(),
  async run(ctx) {
    const { importId, revision } = ctx.payload;
    const imp = await ctx.db.transaction((tx) =>
      tx.maybeOne<ImportForValidation>(sql`
        select i.id, i.org_id, i.type, i.status, i.revision, i.storage_path, i.sheet, i.header_row, i.mapping, o.currency
          from public.imports i join public.organizations o on o.id = i.org_id
         where i.id = ${importId} and i.org_id = ${ctx.job.orgId}`),
    );
    if (!imp || imp.status !== "validating" || imp.revision !== revision) return { skipped: "superseded or no longer validating" };
    const type = imp.type;
    const keyField = IMPORT_KEY_FIELD[type];
    const fields = IMPORT_TEMPLATES[type].fields;
    const counts: ImportCounts = { total: 0, valid: 0, invalid: 0, created: 0, updated: 0, unchanged: 0 };
    const errorSummary: Record<string, number> = {};
    const firstSeen = new Map<string, number>();
    const knownPos = new Set<string>();

    // Every batch proves the import is still at this revision and still validating.
    const guarded = <T,>(fn: (tx: JobTx) => Promise<T>) =>
      ctx.batch(async (tx) => {
        const current = await tx.maybeOne(sql`
          select 1 from public.imports where id = ${importId} and revision = ${revision} and status = 'validating' for update`);
        if (!current) throw new Superseded();
        return fn(tx);
      }, { done: counts.total, message: `Validated ${counts.total} rows` });

    const fail = (message: string) =>
      guarded(async (tx) => {
        await tx.query(sql`delete from public.import_rows where import_id = ${importId}`);
        await tx.query(sql`
          update public.imports set status = 'failed', error = ${message.slice(0, 2000)}, finished_at = now(),
                 counts = '{"total": 0, "valid": 0, "invalid": 0, "created": 0, "updated": 0, "unchanged": 0}'::jsonb,
                 progress = jsonb_build_object('phase', 'validating', 'done', 0, 'total', 0)
           where id = ${importId}`);
      });

    const flush = (rows: ValidatedRow[]) =>
      guarded(async (tx) => {
        if (type === "quantity_surveys") {
          const unknown = [...new Set(rows.map((r) => r.values.poNumber).filter((p): p is string => !!p && !knownPos.has(p)))];
          if (unknown.length) {
            const found = await tx.query<{ po_number: string }>(sql`
              select po_number from public.purchase_orders where org_id = ${imp.org_id} and po_number = any(${unknown}::text[])`);
            for (const f of found) knownPos.add(f.po_number);
          }
          for (const r of rows) {
            const po = r.values.poNumber;
            if (po && !r.errors.poNumber && !knownPos.has(po)) r.errors.poNumber = `PO "${po}" is not in this organization; import the purchase order first`;
          }
        }
        // Each valid row is classified against the stored row with its key (create / update /
        // unchanged) in the same statement that stages the batch, where the data is: no stored rows
        // travel to Node and back, only the batch's totals.
        const invalid = rows.filter((r) => Object.keys(r.errors).length > 0);
        for (const r of invalid) for (const field of Object.keys(r.errors)) errorSummary[field] = (errorSummary[field] ?? 0) + 1;
        const staged = await tx.one<{ created: number; updated: number; unchanged: number }>(sql`
          with x as (
            select x.row_number, x.key, x.v, x.errors
              from jsonb_to_recordset(${JSON.stringify(
                rows.map((r) => ({ row_number: r.rowNumber, key: r.key, v: r.values, errors: Object.keys(r.errors).length ? r.errors : null })),
              )}::jsonb) as x(row_number int, key text, v jsonb, errors jsonb)
          ), classified as (
            select x.row_number, x.key, x.v, x.errors,
                   case when x.errors is not null then 'invalid'
                        when e is null then 'create'
                        when ${differs(type)} then 'update'
                        else 'unchanged' end as action
              from x left join lateral (${storedRow(type, imp.org_id)}) e on x.errors is null
          ), staged as (
            insert into public.import_rows (import_id, org_id, row_number, action, key, "values", errors)
            select ${importId}::uuid, ${imp.org_id}::uuid, c.row_number, c.action, c.key, c.v, c.errors from classified c
            returning action
          )
          select count(*) filter (where action = 'create')::int as created, count(*) filter (where action = 'update')::int as updated,
                 count(*) filter (where action = 'unchanged')::int as unchanged
            from staged`);
        counts.invalid += invalid.length;
        counts.valid += rows.length - invalid.length;
        counts.created += staged.created;
        counts.updated += staged.updated;
        counts.unchanged += staged.unchanged;
        await tx.query(sql`
          update public.imports set counts = ${JSON.stringify(counts)}::jsonb, error_summary = ${JSON.stringify(errorSummary)}::jsonb,
                 progress = jsonb_build_object('phase', 'validating', 'done', ${counts.total}::int)
           where id = ${importId}`);
      });

    try {
      const bytes = await (ctx.services.importFiles ?? importFileStore()).get(imp.storage_path);
      if (!bytes) {
        await fail("The uploaded file is no longer stored; upload it again.");
        return { failed: "file missing" };
      }
      const parts = readWorkbookParts(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      const sheet = parts.sheets.find((s) => s.name === imp.sheet);
      if (!sheet) {
        await fail(`The workbook has no sheet named "${imp.sheet}".`);
        return { failed: "sheet missing" };
      }
      // A retried run starts over.
      await guarded((tx) => tx.query(sql`delete from public.import_rows where import_id = ${importId}`));
      const ctxRow = { type, mapping: imp.mapping, date1904: parts.date1904, orgCurrency: imp.currency };
      let pending: ValidatedRow[] = [];
      // One batch is written while the next is parsed (PostgreSQL works while Node parses).
      let writing: Promise<void> | undefined;
      const write = async (rows: ValidatedRow[]) => {
        if (writing) await writing;
        writing = flush(rows);
        writing.catch(() => undefined);
      };
      const maxRows = config().IMPORT_MAX_ROWS;
      // The reader's own cap also bounds a sheet whose rows are all empty to this import's mapping.
      for await (const row of readSheetRows(parts, sheet, { maxRows: maxRows + (imp.header_row ?? 0) + 1 })) {
        if (imp.header_row !== null && row.rowNumber <= imp.header_row) continue;
        const validated = validateRow(row.rowNumber, row.cells, ctxRow);
        if (!validated) continue;
        if (++counts.total > maxRows) {
          throw unreadable(`Sheet "${sheet.name}" has more than ${maxRows.toLocaleString("en")} rows, the most one import takes; split it into several files.`);
        }
        if (validated.key !== null) {
          const first = firstSeen.get(validated.key);
          if (first !== undefined) {
            const label = fields.find((f) => f.key === keyField)!.header;
            validated.errors[keyField] = `Duplicate ${label} "${validated.key}": it is also in row ${first} (only that row is imported)`;
          } else firstSeen.set(validated.key, validated.rowNumber);
        }
        pending.push(validated);
        if (pending.length >= BATCH) {
          await write(pending);
          pending = [];
        }
      }
      if (pending.length) await write(pending);
      if (writing) await writing;
      await guarded((tx) =>
        tx.query(sql`
          update public.imports set status = 'ready', validated_at = now(), error = null,
                 progress = jsonb_build_object('phase', 'validating', 'done', ${counts.total}::int, 'total', ${counts.total}::int)
           where id = ${importId}`),
      );
      return { counts };
    } catch (error) {
      if (error instanceof Superseded) return { skipped: "a newer revision is being validated" };
      if (error instanceof WorkbookRefused) {
        await fail(error.message).catch((e: unknown) => {
          if (!(e instanceof Superseded)) throw e;
        });
        return { failed: error.message };
      }
      if (error instanceof JobStopped) throw error;
      if (ctx.job.attempt >= ctx.job.maxAttempts) {
        await fail(`Validation could not finish: ${error instanceof Error ? error.message : String(error)}`).catch(() => undefined);
      }
      throw error;
    }
  },
});
