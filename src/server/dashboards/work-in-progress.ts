import { sql, type Tx } from "@/server/db";
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
 * dated up to the end of the range. Read from the rollups: each job's WIP over all time less what is
 * dated after the range (nothing, for a range ending today); for one staff member, that member's
 * daily rows (time only: costs have no staff).
 */
export async function workInProgress(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters): Promise<WipJobRow[]> {
  const wip = filters.staff
    ? sql`
      select d.job_external_id as job_id, sum(d.wip_time) as time, 0::numeric as costs
      from public.practice_daily d
      where d.org_id = ${orgId} and d.staff_external_id = ${filters.staff} and d.day <= ${range.to}::date
      group by d.job_external_id
      having bool_or(d.wip_time <> 0)`
    : sql`
      select coalesce(t.job_id, a.job_id) as job_id, coalesce(t.time, 0) - coalesce(a.time, 0) as time,
             coalesce(t.costs, 0) - coalesce(a.costs, 0) as costs
      from (
        select jt.job_external_id as job_id, jt.wip_time as time, jt.wip_costs as costs
        from public.practice_job_totals jt
        where jt.org_id = ${orgId} and (jt.wip_time <> 0 or jt.wip_costs <> 0)
      ) t
      full join (
        select d.job_external_id as job_id, sum(d.wip_time) as time, sum(d.wip_costs) as costs
        from public.practice_daily d
        where d.org_id = ${orgId} and d.day > ${range.to}::date and (d.wip_time <> 0 or d.wip_costs <> 0)
        group by d.job_external_id
      ) a on a.job_id = t.job_id`;
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
