import type { z } from "zod";
import type { ImportListView } from "@/lib/import-views";
import type { listImportsQuery } from "@/lib/import-schemas";
import { sql, type Tx } from "@/server/db";
import { loadImportViews } from "./load-import-views";

/** Import history, newest first. */
export async function listImports(tx: Tx, orgId: string, query: z.output<typeof listImportsQuery>): Promise<ImportListView> {
  const where = sql.join([
    query.type ? sql`i.type = ${query.type}` : sql`true`,
    query.status ? sql`i.status = ${query.status}` : sql`true`,
  ], " and ");
  const items = await loadImportViews(tx, orgId, where, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  const total = await tx.one<{ n: number }>(sql`select count(*)::int as n from public.imports i where i.org_id = ${orgId} and ${where}`);
  return { items, total: total.n };
}
