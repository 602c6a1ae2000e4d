import { sql, type Tx } from "@/server/db";
import { wipByJobSql } from "./wip-by-job-sql";
import type { WipJobRow } from "@/lib/dashboard-views";
import type { DateRange } from "./date-range";
import { toMoney } from "./to-money";

export interface PracticeFilters {
  client?: string;
  staff?: string;
}

/**
 * Work in progress per job, largest first, every job that has some: billable time not yet invoiced
 * (minutes × the entry's rate) plus billable costs not yet invoiced (quantity × unit price), for work
 * dated up to the end of the range. Read from the rollups (wipByJobSql).
 */
export async function workInProgress(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters): Promise<WipJobRow[]> {
  const wip = wipByJobSql(orgId, range.to, filters.staff);
  const rows = await tx.query<{ job_id: string; job_number: string; job: string; client_id: string; client: string | null; time: number; costs: number }>(sql`
    with wip as (${wip})
    select j.external_id as job_id, j.job_number, j.name as job, j.client_external_id as client_id, cl.name as client, w.time, w.costs
    from wip w
    join public.xpm_jobs j on j.org_id = ${orgId} and j.external_id = w.job_id
    left join public.xpm_clients cl on cl.org_id = j.org_id and cl.external_id = j.client_external_id
    where true ${filters.client ? sql`and j.client_external_id = ${filters.client}` : sql``}`);
  return rows
    .map((r) => ({
      jobId: r.job_id, jobNumber: r.job_number, job: r.job, clientId: r.client_id, client: r.client ?? r.client_id,
      time: toMoney(r.time), costs: toMoney(r.costs), total: toMoney(Number(r.time) + Number(r.costs)),
    }))
    .filter((r) => r.total !== 0)
    .sort((a, b) => b.total - a.total || a.jobNumber.localeCompare(b.jobNumber));
}
