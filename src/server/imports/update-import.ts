import type { z } from "zod";
import { IMPORT_TEMPLATES, type ImportType, type ImportView, type MappingSource } from "@/lib/import-views";
import type { updateImportBody } from "@/lib/import-schemas";
import { sql, type Tx } from "@/server/db";
import { AppError, notFound } from "@/server/http/app-error";
import { dispatchJob } from "@/server/jobs/dispatch-job";
import { importFileStore } from "@/server/storage/import-files";
import { refusalToAppError } from "./refusal-to-app-error";
import { rememberedMapping } from "./remembered-mapping";
import { getImportView } from "./get-import-view";
import { inspectWorkbook } from "./inspect-workbook";

type Db = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

interface Current {
  type: ImportType;
  status: string;
  storage_path: string;
  file_deleted_at: Date | null;
  sheet: string | null;
  header_row: number | null;
  headers: { index: number; header: string }[];
  mapping: Record<string, number | null>;
  mapping_sources: Record<string, MappingSource>;
}

/**
 * A new sheet and/or mapping for an import that is not confirmed yet; it is validated again from the
 * start (app_private.revalidate_import bumps its revision, so a validation still running for the old
 * one stops). A new sheet is matched automatically first; the fields `mapping` names are then set
 * by hand. Each field maps to a header column of the sheet, each column to one field at most.
 */
export async function updateImport(db: Db, orgId: string, importId: string, patch: z.output<typeof updateImportBody>): Promise<ImportView> {
  const current = await db((tx) =>
    tx.maybeOne<Current>(sql`
      select type, status, storage_path, file_deleted_at, sheet, header_row, headers, mapping, mapping_sources
        from public.imports where id = ${importId} and org_id = ${orgId}`),
  );
  if (!current) throw notFound("Import");
  if (current.status !== "validating" && current.status !== "ready") {
    throw new AppError("CONFLICT", "This import was already confirmed; upload the file again to change its sheet or mapping");
  }
  let { sheet, header_row: headerRow, headers, mapping, mapping_sources: sources } = current;
  if (patch.sheet !== undefined && patch.sheet !== current.sheet) {
    const bytes = await importFileStore().get(current.storage_path);
    if (!bytes) throw new AppError("CONFLICT", "The uploaded file is no longer stored; upload it again");
    const remembered = await db((tx) => rememberedMapping(tx, orgId, current.type));
    try {
      const inspected = await inspectWorkbook(Buffer.from(bytes), current.type, remembered, patch.sheet);
      sheet = inspected.header.sheet.name;
      headerRow = inspected.header.headerRow;
      headers = inspected.header.headers;
      mapping = inspected.header.match.mapping;
      sources = inspected.header.match.sources;
    } catch (error) {
      throw refusalToAppError(error);
    }
  }
  if (patch.mapping) {
    const fields = new Map(IMPORT_TEMPLATES[current.type].fields.map((f) => [f.key, f]));
    const columns = new Set(headers.map((h) => h.index));
    const details: Record<string, string[]> = {};
    mapping = { ...mapping };
    sources = { ...sources };
    for (const [key, column] of Object.entries(patch.mapping)) {
      if (column === undefined) continue;
      if (!fields.has(key)) {
        details[`mapping.${key}`] = [`Not a column of the ${IMPORT_TEMPLATES[current.type].title.toLowerCase()} template`];
        continue;
      }
      if (column !== null && !columns.has(column)) {
        details[`mapping.${key}`] = ["That column has no header in the sheet"];
        continue;
      }
      // The column moves to this field: whichever field had it loses it.
      if (column !== null) {
        for (const [other, c] of Object.entries(mapping)) {
          if (c === column && other !== key && !(other in patch.mapping)) {
            mapping[other] = null;
            delete sources[other];
          }
        }
      }
      mapping[key] = column;
      if (column === null) delete sources[key];
      else sources[key] = "manual";
    }
    const used = Object.values(mapping).filter((c): c is number => c !== null);
    if (new Set(used).size !== used.length) details.mapping = ["Map each column to one field at most"];
    if (Object.keys(details).length) throw new AppError("VALIDATION_FAILED", "The mapping is invalid", details);
  }
  const view = await db(async (tx) => {
    const row = await tx.one<{ job_id: string }>(sql`
      select job_id from app_private.revalidate_import(${importId}::uuid, ${sheet}, ${headerRow}, ${JSON.stringify(headers)}::jsonb,
                                                       ${JSON.stringify(mapping)}::jsonb, ${JSON.stringify(sources)}::jsonb)`);
    return { view: await getImportView(tx, orgId, importId), jobId: row.job_id };
  });
  await dispatchJob({ id: view.jobId, kind: "import.validate", created: true });
  return view.view;
}
