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
 * dated up to the end of the range.
 */
export async function workInProgress(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters): Promise<WipJobRow[]> {
  const staffFilter = filters.staff ? sql`and t.staff_external_id = ${filters.staff}` : sql``;
  const rows = await tx.query<{ job_id: string; job_number: string; job: string; client_id: string; client: string | null; time: number; costs: number }>(sql`
    with wip as (
      select x.job_id, sum(x.time) as time, sum(x.costs) as costs from (
        select t.job_external_id as job_id, t.minutes * t.billable_rate / 60.0 as time, 0::numeric as costs
        from public.xpm_time_entries t
        where t.org_id = ${orgId} and t.billable and t.invoice_task_external_id is null and t.entry_date <= ${range.to}::date ${staffFilter}
        union all
        select c.job_external_id, 0, c.quantity * c.unit_price
        from public.xpm_costs c
        where c.org_id = ${orgId} and c.billable and c.invoice_external_id is null and c.cost_date <= ${range.to}::date
          ${filters.staff ? sql`and false` : sql``}
      ) x group by x.job_id
    )
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
