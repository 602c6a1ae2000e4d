import { z } from "zod";
import type { JobTx } from "../../db/database.ts";
import { sql } from "../../db/sql.ts";
import { IMPORT_BATCH_ROWS, touchedPurchaseOrders } from "../../imports/apply-batch.ts";
import { loadImport } from "../../imports/load-import.ts";
import { requestAlertEvaluation } from "../../alerts/request-alert-evaluation.ts";
import { deleteCreatedBatch, keptRows, restoreUpdatedBatch } from "../../imports/revert-batches.ts";
import { defineJobKind, jobOrgId } from "../job-kind.ts";

/**
 * Reverts an import (Undo, or a failed import): deletes what it created, restores what it updated,
 * keeps and lists rows edited since. Ends `reverted` after an Undo and `failed` after a failure
 * (the import's error says why). Each batch is its own lease-checked transaction and idempotent.
 */
export const importRevert = defineJobKind({
  kind: "import.revert",
  runner: "import-process",
  readPermission: "imports.run",
  maxAttempts: 10,
  payload: z.object({ importId: z.uuid(), reason: z.enum(["undo", "failure", "resume"]) }).strict(),
  async run(ctx) {
    const { importId } = ctx.payload;
    const imp = await ctx.db.transaction((tx) => loadImport(tx, importId, jobOrgId(ctx.job)));
    if (!imp || imp.status !== "reverting") return { skipped: imp ? `the import is ${imp.status}` : "no such import" };
    const step = async <T,>(fn: (tx: JobTx) => Promise<T>, done: number, message: string) =>
      ctx.batch(async (tx) => {
        const result = await fn(tx);
        await tx.query(sql`update public.imports set revert_job_id = ${ctx.job.id},
                             progress = jsonb_build_object('phase', 'reverting', 'done', ${done}::int) where id = ${importId}`);
        return result;
      }, { done, message });

    // Rows the import touched, before the revert changes which rows point at it.
    const touched = await ctx.db.transaction((tx) => touchedPurchaseOrders(tx, imp));
    let deleted = 0;
    let restored = 0;
    for (;;) {
      const n = await step((tx) => deleteCreatedBatch(tx, imp.type, importId, imp.orgId), deleted + restored, "Deleting created rows");
      deleted += n;
      if (n < IMPORT_BATCH_ROWS) break;
    }
    for (;;) {
      const r = await step((tx) => restoreUpdatedBatch(tx, imp.type, importId), deleted + restored, "Restoring updated rows");
      restored += r.restored;
      if (r.settled < IMPORT_BATCH_ROWS) break;
    }
    return ctx.batch(async (tx) => {
      const current = await loadImport(tx, importId, imp.orgId, { lock: true });
      if (current?.status !== "reverting") return { skipped: "the import is no longer reverting" };
      const { kept, keptTotal } = await keptRows(tx, imp.type, importId, imp.orgId);
      // Counted from the database, so a revert resumed after a crash reports the same figures.
      const totals = await tx.one<{ restored: number; remaining: number; failed: boolean; created: number }>(sql`
        select (select count(*) from public.import_changes where import_id = ${importId} and outcome = 'restored')::int as restored,
               (select count(*) from ${imp.type === "purchase_orders" ? sql`public.purchase_orders` : sql`public.quantity_surveys`}
                 where org_id = ${imp.orgId} and created_import_id = ${importId})::int as remaining,
               i.revert_requested_at is null as failed, (i.counts ->> 'created')::int as created
          from public.imports i where i.id = ${importId}`);
      const result = { deleted: Math.max(0, totals.created - totals.remaining), restored: totals.restored, kept, keptTotal };
      await tx.query(sql`
        update public.imports set
          status = ${totals.failed ? "failed" : "reverted"},
          reverted_at = ${totals.failed ? sql`null` : sql`now()`},
          finished_at = coalesce(finished_at, now()),
          result = ${JSON.stringify(result)}::jsonb,
          progress = jsonb_build_object('phase', 'reverting', 'done', ${deleted + restored}::int, 'total', ${deleted + restored}::int)
        where id = ${importId}`);
      // The POs whose spend changed get their alerts evaluated, once per import and phase.
        const alertJob = touched.total === 0 ? undefined
          : await requestAlertEvaluation(tx, imp.orgId, touched.ids, { key: `import:${importId}:reverted` });
        const alerts = { evaluationJobId: alertJob?.id ?? null };
      return { ...result, kept: kept.length, alerts };
    }, { done: deleted + restored, message: "Finished" });
  },
});
