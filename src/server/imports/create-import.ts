import { createHash, randomUUID } from "node:crypto";
import type { ImportView } from "@/lib/import-views";
import { sql, type Tx } from "@/server/db";
import { logger } from "@/server/http/logger";
import { dispatchJob } from "@/server/jobs/dispatch-job";
import { enqueueJob } from "@/server/jobs/enqueue-job";
import { importFileStore, importObjectPath } from "@/server/storage/import-files";
import { getImportView } from "./get-import-view";
import { refusalToAppError } from "./refusal-to-app-error";
import { rememberedMapping } from "./remembered-mapping";
import { inspectWorkbook } from "./inspect-workbook";
import type { UploadForm } from "./read-upload-form";

type Db = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * An upload: the workbook is checked (container, zip bomb, sheets, a header row with at least one
 * required column) in this request, which therefore answers in about a second with the import's id;
 * the file is stored; the validation of every row runs in the background (`import.validate`) and its
 * progress shows on the import. A refused file writes nothing: no file, no row, no job.
 */
export async function createImport(db: Db, orgId: string, userId: string, form: UploadForm): Promise<ImportView> {
  const remembered = await db((tx) => rememberedMapping(tx, orgId, form.type));
  let inspected;
  try {
    inspected = await inspectWorkbook(form.bytes, form.type, remembered);
  } catch (error) {
    throw refusalToAppError(error);
  }
  const id = randomUUID();
  const path = importObjectPath(orgId, id);
  const store = importFileStore();
  await store.put(path, form.bytes);
  let view: ImportView;
  let job;
  try {
    [view, job] = await db(async (tx) => {
      const enqueued = await enqueueJob(tx, { orgId, kind: "import.validate", payload: { importId: id, revision: 1 }, idempotencyKey: `import-validate:${id}:1` });
      const { header } = inspected;
      await tx.query(sql`
        insert into public.imports (id, org_id, type, file_name, file_size, file_sha256, storage_path, sheets, sheet, header_row,
                                    headers, mapping, mapping_sources, progress, validate_job_id, created_by)
        values (${id}, ${orgId}, ${form.type}, ${form.fileName}, ${form.bytes.length},
                ${createHash("sha256").update(form.bytes).digest("hex")}, ${path}, ${JSON.stringify(inspected.sheets)}::jsonb,
                ${header.sheet.name}, ${header.headerRow}, ${JSON.stringify(header.headers)}::jsonb,
                ${JSON.stringify(header.match.mapping)}::jsonb, ${JSON.stringify(header.match.sources)}::jsonb,
                '{"phase": "validating", "done": 0}'::jsonb, ${enqueued.id}, ${userId})`);
      return [await getImportView(tx, orgId, id), enqueued] as const;
    });
  } catch (error) {
    await store.remove([path]).catch((err: unknown) => logger.warn({ err, path }, "could not remove the file of a failed upload"));
    throw error;
  }
  await dispatchJob(job);
  return view;
}
