import type { JobTx } from "../db/database.ts";
import { sql } from "../db/sql.ts";
import type { ImportTarget } from "./apply-batch.ts";

export interface ImportRecord extends ImportTarget {
  status: string;
  checkpointRow: number;
  counts: { total: number; valid: number; invalid: number; created: number; updated: number; unchanged: number };
}

/** The import a job works on, checked against the job's organization. */
export async function loadImport(tx: JobTx, importId: string, orgId: string, options: { lock?: boolean } = {}): Promise<ImportRecord | undefined> {
  const row = await tx.maybeOne<{
    id: string; org_id: string; type: ImportTarget["type"]; status: string; checkpoint_row: number;
    counts: ImportRecord["counts"]; user_id: string | null; currency: string;
  }>(sql`
    select i.id, i.org_id, i.type, i.status, i.checkpoint_row, i.counts, coalesce(i.confirmed_by, i.created_by) as user_id, o.currency
      from public.imports i join public.organizations o on o.id = i.org_id
     where i.id = ${importId} and i.org_id = ${orgId}
     ${options.lock ? sql`for update of i` : sql``}`);
  if (!row) return undefined;
  return {
    importId: row.id, orgId: row.org_id, type: row.type, status: row.status, checkpointRow: Number(row.checkpoint_row),
    counts: row.counts, userId: row.user_id, orgCurrency: row.currency,
  };
}
