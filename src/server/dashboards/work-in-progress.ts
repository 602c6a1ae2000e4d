import { sql, type Tx } from "@/server/db";
import type { WipJobRow } from "@/lib/dashboard-views";
import type { DateRange } from "./date-range";
import { wipJobsSql } from "./wip-jobs-sql";

export interface PracticeFilters {
  client?: string;
  staff?: string;
}

export interface WipJobCents {
  job_id: string;
  job_number: string;
  job: string;
  client_id: string;
  client: string;
  time_c: number;
  costs_c: number;
  total_c: number;
}

export const toWipJobRow = (r: WipJobCents): WipJobRow => ({
  jobId: r.job_id, jobNumber: r.job_number, job: r.job, clientId: r.client_id, client: r.client,
  time: Number(r.time_c) / 100, costs: Number(r.costs_c) / 100, total: Number(r.total_c) / 100,
});

/** A WIP row's client as the table names it (its XPM name, or its id when XPM has none), for a row `w` with `client_id`. */
export const clientName = (orgId: string) =>
  sql`coalesce((select cl.name from public.xpm_clients cl where cl.org_id = ${orgId} and cl.external_id = w.client_id), w.client_id)`;

/** The WIP table's order: largest first, then by job number. */
export const WIP_JOB_ORDER = sql`total_c desc, job_number`;

/**
 * Work in progress per job, largest first, every job that has some: billable time not yet invoiced
 * (minutes × the entry's rate) plus billable costs not yet invoiced (quantity × unit price), for work
 * dated up to the end of the range. Read from the rollups (wipJobsSql). The CSV export's rows; the
 * dashboard reads its page and sums in SQL (wipSummary).
 */
export async function workInProgress(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters): Promise<WipJobRow[]> {
  const rows = await tx.query<WipJobCents>(sql`
    select w.*, ${clientName(orgId)} as client from (${wipJobsSql(orgId, range, filters)}) w order by ${WIP_JOB_ORDER}`);
  return rows.map(toWipJobRow);
}
