import { sql, type Tx } from "@/server/db";
import { dispatchJob } from "@/server/jobs/dispatch-job";
import type { ImportJobAccepted } from "./confirm-import";
import { getImportView } from "./get-import-view";

type Db = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/** Undo a finished import (succeeded → reverting → reverted) through `import.revert`. */
export async function revertImport(db: Db, orgId: string, importId: string): Promise<ImportJobAccepted> {
  const result = await db(async (tx) => {
    await getImportView(tx, orgId, importId);
    const row = await tx.one<{ job_id: string; created: boolean }>(sql`select job_id, created from app_private.request_import_revert(${importId}::uuid)`);
    return { import: await getImportView(tx, orgId, importId), jobId: row.job_id, created: row.created };
  });
  await dispatchJob({ id: result.jobId, kind: "import.revert", created: result.created });
  return result;
}
