import { z } from "zod";
import type { JobDatabase } from "../../db/database.ts";
import { sql } from "../../db/sql.ts";
import { applyImportBatch, touchedPurchaseOrders } from "../../imports/apply-batch.ts";
import { errorMessage, isDeterministicDbError } from "../../imports/db-errors.ts";
import { loadImport, type ImportRecord } from "../../imports/load-import.ts";
import { requestAlertEvaluation } from "../../alerts/request-alert-evaluation.ts";
import { JobStopped, PermanentJobError } from "../errors.ts";
import { defineJobKind, jobOrgId } from "../job-kind.ts";
import type { JobSchedule } from "../create-job-registry.ts";

/**
 * Applies a confirmed import: its valid staged rows in batches of 5,000 row numbers, each one transaction that
 * also moves the import's checkpoint, so a worker killed mid-import is resumed by another from the
 * last committed batch and ends exactly as an uninterrupted run. When it cannot finish (a failure
 * retrying will not fix, or the last attempt) the import is reverted by the same job as Undo and
 * ends `failed`, never half applied. Then it asks for the alert evaluation of the POs it touched.
 */
export const importProcess = defineJobKind({
  kind: "import.process",
  runner: "import-process",
  readPermission: "imports.run",
  maxAttempts: 5,
  payload: z.object({ importId: z.uuid() }).strict(),
  async run(ctx) {
    const { importId } = ctx.payload;
    // Batches are ranges of 5,000 row numbers from the first staged row (the header's rows are
    // not in any) to the last; the checkpoint is the end of the last range committed.
    const { imp, range } = await ctx.db.transaction(async (tx) => ({
      imp: await loadImport(tx, importId, jobOrgId(ctx.job)),
      range: await tx.one<{ first: number; last: number }>(sql`
        select coalesce(min(row_number), 1)::int as first, coalesce(max(row_number), 0)::int as last
          from public.import_rows where import_id = ${importId}`),
    }));
    if (!imp || imp.status !== "processing") return { skipped: imp ? `the import is ${imp.status}` : "no such import" };
    const last = range.last;
    let from = Math.max(imp.checkpointRow, range.first - 1);
    let done = imp.counts.created + imp.counts.updated + imp.counts.unchanged;
    const total = imp.counts.valid;
    try {
      while (from < last) {
        const outcome = await ctx.batch(async (tx) => {
          const batch = await applyImportBatch(tx, imp, from);
          await tx.query(sql`
            update public.imports set checkpoint_row = ${batch.lastRow},
              counts = counts || jsonb_build_object(
                'created', (counts ->> 'created')::int + ${batch.created}, 'updated', (counts ->> 'updated')::int + ${batch.updated},
                'unchanged', (counts ->> 'unchanged')::int + ${batch.unchanged},
                'valid', (counts ->> 'valid')::int - ${batch.invalid}, 'invalid', (counts ->> 'invalid')::int + ${batch.invalid}),
              progress = jsonb_build_object('phase', 'processing', 'done', ${done + batch.rows}::int, 'total', ${total}::int)
            where id = ${importId} and status = 'processing'`);
          return batch;
        }, { done: done, total, message: `Rows after ${from}` });
        from = outcome.lastRow;
        done += outcome.rows;
      }
      return await ctx.batch(async (tx) => {
        const finished = await tx.maybeOne<{ counts: ImportRecord["counts"] }>(sql`
          update public.imports set status = 'succeeded', finished_at = now(),
                 progress = jsonb_build_object('phase', 'processing', 'done', ${done}::int, 'total', ${done}::int)
           where id = ${importId} and status = 'processing' returning counts`);
        const touched = await touchedPurchaseOrders(tx, imp);
        // The POs whose spend changed get their alerts evaluated, once per import and phase (too
        // many to list: the whole organization).
        const alertJob = touched.total === 0 ? undefined
          : await requestAlertEvaluation(tx, imp.orgId, touched.ids, { key: `import:${importId}:processed` });
        const alerts = { evaluationJobId: alertJob?.id ?? null };
        return { counts: finished?.counts, touchedPurchaseOrders: touched.total, alerts };
      }, { done, total: done, message: "Finished" });
    } catch (error) {
      if (error instanceof JobStopped) throw error;
      const final = error instanceof PermanentJobError || isDeterministicDbError(error) || ctx.job.attempt >= ctx.job.maxAttempts;
      if (!final) throw error;
      const reason = `The import stopped at a row after ${from}: ${errorMessage(error)}. Nothing it wrote was kept.`;
      await startFailureRevert(ctx.db, imp, reason);
      throw new PermanentJobError(reason);
    }
  },
});

/** processing → reverting with the reason, and the revert job (the same one Undo uses) enqueued. */
export async function startFailureRevert(db: JobDatabase, imp: Pick<ImportRecord, "importId" | "orgId">, reason: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await tx.maybeOne<{ id: string }>(sql`
      update public.imports set status = 'reverting', error = ${reason.slice(0, 2000)},
             progress = jsonb_build_object('phase', 'reverting', 'done', 0)
       where id = ${imp.importId} and status = 'processing' returning id`);
    if (!row) return;
    const job = await tx.one<{ id: string }>(sql`
      select id from app_private.enqueue_job(${imp.orgId}, 'import.revert',
        ${JSON.stringify({ importId: imp.importId, reason: "failure" })}::jsonb, ${`import-revert:${imp.importId}`}, now(), 10)`);
    await tx.query(sql`update public.imports set revert_job_id = ${job.id} where id = ${imp.importId}`);
  });
}

/**
 * Every 5 minutes: imports whose job can no longer finish them (it failed as "stopped responding",
 * was cancelled or pruned) are reverted, so none stays `processing` or `reverting` forever.
 */
export const importsRecoverSchedule: JobSchedule = {
  name: "imports.recover",
  runner: "import-process",
  everySeconds: 300,
  async plan(tx) {
    const stuck = await tx.query<{ id: string; org_id: string; status: string }>(sql`
      select i.id, i.org_id, i.status from public.imports i
        left join public.jobs pj on pj.id = i.process_job_id
        left join public.jobs rj on rj.id = i.revert_job_id
       where (i.status = 'processing' and (pj.id is null or pj.status in ('failed', 'cancelled')))
          -- A revert this schedule enqueued names itself on its first step; until then, give it time.
          or (i.status = 'reverting' and ((rj.id is null and i.updated_at < now() - interval '2 minutes') or rj.status in ('failed', 'cancelled')))`);
    for (const s of stuck.filter((s) => s.status === "processing")) {
      await tx.query(sql`
        update public.imports set status = 'reverting',
               error = coalesce(error, 'The worker applying this import stopped before it finished. Nothing it wrote was kept.')
         where id = ${s.id} and status = 'processing'`);
    }
    return stuck.map((s) => ({
      orgId: s.org_id,
      kind: "import.revert",
      payload: { importId: s.id, reason: s.status === "processing" ? "failure" : "resume" },
      key: s.id,
    }));
  },
};
