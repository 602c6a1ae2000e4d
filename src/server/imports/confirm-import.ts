import type { ImportView } from "@/lib/import-views";
import { sql, type Tx } from "@/server/db";
import { dispatchJob } from "@/server/jobs/dispatch-job";
import { getImportView } from "./get-import-view";

type Db = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

export interface ImportJobAccepted {
  import: ImportView;
  jobId: string;
  /** False when this import was already confirmed (or undone): the same job is returned. */
  created: boolean;
}

/**
 * Confirm: app_private.confirm_import moves ready → processing once (concurrent confirms wait on
 * the row lock; the second gets the first one's job), remembers the mapping and audits, in the
 * request's transaction; `import.process` then applies the valid rows in the background.
 */
export async function confirmImport(db: Db, orgId: string, importId: string): Promise<ImportJobAccepted> {
  const result = await db(async (tx) => {
    await getImportView(tx, orgId, importId);
    const row = await tx.one<{ job_id: string; created: boolean }>(sql`select job_id, created from app_private.confirm_import(${importId}::uuid)`);
    return { import: await getImportView(tx, orgId, importId), jobId: row.job_id, created: row.created };
  });
  await dispatchJob({ id: result.jobId, kind: "import.process", created: result.created });
  return result;
}
