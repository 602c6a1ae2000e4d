import { columnLetter, IMPORT_TEMPLATES, type ImportCounts, type ImportPerson, type ImportStatus, type ImportView, type MappingSource } from "@/lib/import-views";
import { sql, type Tx } from "@/server/db";
import type { SqlQuery } from "@/server/db/sql";
import { missingRequired } from "./match-headers";

interface ImportViewRow {
  id: string;
  type: ImportView["type"];
  status: ImportStatus;
  file_name: string;
  file_size: string | number;
  file_deleted_at: Date | null;
  sheet: string | null;
  sheets: { name: string; index: number }[];
  header_row: number | null;
  headers: { index: number; header: string }[];
  mapping: Record<string, number | null>;
  mapping_sources: Record<string, MappingSource>;
  counts: ImportCounts;
  progress: { phase?: ImportView["progress"]["phase"]; done?: number; total?: number };
  error_summary: Record<string, number>;
  error: string | null;
  result: ImportView["result"];
  validate_job_id: string | null;
  process_job_id: string | null;
  revert_job_id: string | null;
  job_status: string | null;
  job_error: string | null;
  created_at: Date;
  validated_at: Date | null;
  confirmed_at: Date | null;
  finished_at: Date | null;
  revert_requested_at: Date | null;
  reverted_at: Date | null;
  creator: ImportPerson | null;
  confirmer: ImportPerson | null;
  reverter: ImportPerson | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const person = (alias: string) => sql([
  `case when ${alias}.user_id is null then null else jsonb_build_object('id', ${alias}.user_id, 'email', ${alias}.email, 'name', nullif(${alias}.full_name, '')) end`,
]);

function toView(row: ImportViewRow): ImportView {
  const fields = IMPORT_TEMPLATES[row.type].fields;
  const mapping = Object.fromEntries(fields.map((f) => [f.key, row.mapping[f.key] ?? null]));
  // A validation whose job died without settling the import reads as failed, with the job's reason.
  const stalled = row.status === "validating" && (row.job_status === "failed" || row.job_status === "cancelled");
  const status: ImportStatus = stalled ? "failed" : row.status;
  const progressTotal = row.progress.total ?? null;
  const done = row.progress.done ?? 0;
  const jobId = status === "validating" ? row.validate_job_id : status === "processing" ? row.process_job_id : status === "reverting" ? row.revert_job_id : (row.revert_job_id ?? row.process_job_id ?? row.validate_job_id);
  return {
    id: row.id,
    type: row.type,
    status,
    fileName: row.file_name,
    fileSize: Number(row.file_size),
    fileAvailable: row.file_deleted_at === null,
    sheet: row.sheet,
    sheets: row.sheets,
    headerRow: row.header_row,
    columns: row.headers.map((h) => ({ index: h.index, letter: columnLetter(h.index), header: h.header })),
    mapping,
    mappingSources: row.mapping_sources,
    missingFields: missingRequired(row.type, mapping),
    counts: row.counts,
    progress: {
      phase: row.progress.phase ?? null,
      done,
      total: progressTotal,
      percent: status === "succeeded" || status === "reverted" || status === "ready" ? 100 : progressTotal ? Math.min(100, Math.floor((done / progressTotal) * 100)) : null,
    },
    errorSummary: row.error_summary,
    error: stalled ? (row.job_error ?? "Validation stopped before it finished; upload the file again.") : row.error,
    result: row.result,
    jobId,
    canConfirm: status === "ready" && row.counts.valid > 0,
    canRevert: status === "succeeded",
    createdAt: iso(row.created_at)!,
    createdBy: row.creator,
    validatedAt: iso(row.validated_at),
    confirmedAt: iso(row.confirmed_at),
    confirmedBy: row.confirmer,
    finishedAt: iso(row.finished_at),
    revertRequestedAt: iso(row.revert_requested_at),
    revertRequestedBy: row.reverter,
    revertedAt: iso(row.reverted_at),
  };
}

/** Imports of one organization matching `where`, as views (RLS applies: run as the caller). */
export async function loadImportViews(tx: Tx, orgId: string, where: SqlQuery, page?: { limit: number; offset: number }): Promise<ImportView[]> {
  const rows = await tx.query<ImportViewRow>(sql`
    select i.id, i.type, i.status, i.file_name, i.file_size, i.file_deleted_at, i.sheet, i.sheets, i.header_row, i.headers,
           i.mapping, i.mapping_sources, i.counts, i.progress, i.error_summary, i.error, i.result,
           i.validate_job_id, i.process_job_id, i.revert_job_id, vj.status as job_status, vj.error as job_error,
           i.created_at, i.validated_at, i.confirmed_at, i.finished_at, i.revert_requested_at, i.reverted_at,
           ${person("c")} as creator, ${person("f")} as confirmer, ${person("r")} as reverter
      from public.imports i
      left join public.jobs vj on vj.id = i.validate_job_id
      left join public.user_profiles c on c.user_id = i.created_by
      left join public.user_profiles f on f.user_id = i.confirmed_by
      left join public.user_profiles r on r.user_id = i.revert_requested_by
     where i.org_id = ${orgId} and ${where}
     order by i.created_at desc, i.id
     ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`);
  return rows.map(toView);
}
