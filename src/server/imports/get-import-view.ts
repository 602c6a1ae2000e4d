import type { ImportView } from "@/lib/import-views";
import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import { loadImportViews } from "./load-import-views";

/** One import of the organization as the wizard shows it (404 when it is not the organization's). */
export async function getImportView(tx: Tx, orgId: string, importId: string): Promise<ImportView> {
  const [view] = await loadImportViews(tx, orgId, sql`i.id = ${importId}`);
  if (!view) throw notFound("Import");
  return view;
}
