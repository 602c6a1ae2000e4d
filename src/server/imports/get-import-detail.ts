import type { ImportDetailView, ImportPreviewRow } from "@/lib/import-views";
import { PREVIEW_LIMIT } from "@/lib/import-schemas";
import { sql, type Tx } from "@/server/db";
import { runNodeJobsSoon } from "@/server/jobs/node-jobs";
import { getImportView } from "./get-import-view";

/**
 * One import with the first 100 staged rows (or the first 100 with errors): what the preview shows.
 * While it validates without an in-process worker, reading it also makes sure a validation runs.
 */
export async function getImportDetail(tx: Tx, orgId: string, importId: string, errorsOnly: boolean): Promise<ImportDetailView> {
  const view = await getImportView(tx, orgId, importId);
  if (view.status === "validating") runNodeJobsSoon();
  const rows = await tx.query<{ row_number: number; action: ImportPreviewRow["action"]; values: Record<string, string | null>; errors: Record<string, string> | null }>(sql`
    select row_number, action, "values", errors from public.import_rows
     where import_id = ${importId} and org_id = ${orgId} ${errorsOnly ? sql`and errors is not null` : sql``}
     order by row_number limit ${PREVIEW_LIMIT}`);
  return {
    ...view,
    preview: {
      rows: rows.map((r) => ({ rowNumber: r.row_number, action: r.action, values: r.values, errors: r.errors ?? {} })),
      errorsOnly,
      limit: PREVIEW_LIMIT,
      matching: errorsOnly ? view.counts.invalid : view.counts.total,
    },
  };
}
