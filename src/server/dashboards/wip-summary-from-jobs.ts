import { sql, type Tx } from "@/server/db";
import type { DateRange } from "./date-range";
import { wipJobsSql } from "./wip-jobs-sql";
import { toWipSummary, type WipSummary, type WipSummaryPart } from "./wip-summary-parts";
import { clientName, WIP_JOB_ORDER, type PracticeFilters } from "./work-in-progress";

/**
 * The Practice dashboard's WIP computed from every job's cents (wipJobsSql) in one statement: the
 * tile, the table's page and size, and the clients with the most WIP, summed in SQL so that only
 * those rows leave the database. Used for one staff member's WIP, which the per-job rollups do not
 * hold (wipSummary reads those for everything else). The figures are the ones the table's rows add
 * up to: a client's WIP is the sum of its jobs' rounded rows, and clients level on WIP keep the order
 * of their first job in the table (the largest, then the lowest job number), as a stable sort of the
 * table would.
 */
export async function wipSummaryFromJobs(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters, pageRows: number, clients: number): Promise<WipSummary> {
  const rows = await tx.query<WipSummaryPart>(sql`
    with jobs as materialized (${wipJobsSql(orgId, range, filters)}),
    by_client as (
      select client_id, sum(time_c) as time_c, sum(costs_c) as costs_c, sum(total_c) as total_c, max(total_c) as top_c
      from jobs group by client_id
    ), top_clients as (
      select * from by_client order by total_c desc, top_c desc fetch first ${clients} rows with ties
    ), level as (
      -- Only clients level on both WIP and largest job need their first job's number (rarely any).
      select t.client_id, min(j.job_number) as first_job
      from top_clients t
      join jobs j on j.client_id = t.client_id and j.total_c = t.top_c
      where (t.total_c, t.top_c) in (select total_c, top_c from top_clients group by 1, 2 having count(*) > 1)
      group by t.client_id
    )
    select 0 as part, 0::bigint as pos, null::text as job_id, null::text as job_number, null::text as job, null::text as client_id,
           null::text as client, null::numeric as time_c, null::numeric as costs_c, coalesce(sum(total_c), 0)::numeric as total_c, count(*) as n
    from jobs
    union all
    select 1, row_number() over (order by ${WIP_JOB_ORDER}), job_id, job_number, job, client_id, ${clientName(orgId)}, time_c, costs_c, total_c, null
    from (select * from jobs order by ${WIP_JOB_ORDER} limit ${pageRows}) w
    union all
    select 2, row_number() over (order by total_c desc, top_c desc, first_job), null, null, null, client_id, ${clientName(orgId)}, time_c, costs_c, total_c, null
    from (
      select c.*, l.first_job from top_clients c left join level l on l.client_id = c.client_id
      order by c.total_c desc, c.top_c desc, l.first_job limit ${clients}
    ) w
    order by 1, 2`);
  return toWipSummary(rows);
}
