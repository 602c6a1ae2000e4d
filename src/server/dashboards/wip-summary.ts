import { sql, type Tx } from "@/server/db";
import type { SqlQuery } from "@/server/db/sql";
import type { DateRange } from "./date-range";
import { jsRound } from "./js-round-sql";
import { wipSummaryFromJobs } from "./wip-summary-from-jobs";
import { toWipSummary, type WipSummary, type WipSummaryPart } from "./wip-summary-parts";
import { clientName, WIP_JOB_ORDER, type PracticeFilters } from "./work-in-progress";

/**
 * The Practice dashboard's WIP as of the end of the range: the tile, the first `pageRows` rows of
 * WIP by job and the table's size, and the `clients` clients with the most WIP. Read from the
 * per-job, per-client and per-organization rollups (practice_jobs, practice_client_wip,
 * practice_wip_totals), which hold every job's WIP over all time, in the cents the table shows:
 *
 * - the jobs with work dated after the range's end (none, when it ends today) are taken as of that
 *   end (`asof`), and replace their all-time rows: in the tile and size (their all-time cents out,
 *   their cents as of the end in), in the table's page (the first rows of the other jobs, merged with
 *   theirs), and in the clients (their clients recounted from their jobs);
 * - everything else is an index scan of the first rows in the table's order, and one total row.
 *
 * The figures equal wipSummaryFromJobs' (the table's rows summed), which one staff member's WIP
 * still uses: the rollups have no staff.
 */
export async function wipSummary(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters, pageRows: number, clients: number): Promise<WipSummary> {
  if (filters.staff) return wipSummaryFromJobs(tx, orgId, range, filters, pageRows, clients);
  const ofClient = (column: SqlQuery) => (filters.client ? sql`and ${column} = ${filters.client}` : sql``);
  // For one client every row has its name: looked up once (an uncorrelated subquery), not per row.
  const name = filters.client
    ? sql`coalesce((select cl.name from public.xpm_clients cl where cl.org_id = ${orgId} and cl.external_id = ${filters.client}), w.client_id)`
    : clientName(orgId);
  // One JSON value for the 300-odd rows (staffUtilization says why).
  const [result] = await tx.query<{ rows: WipSummaryPart[] }>(sql`
    with after as materialized (
      select d.job_external_id as job_id, sum(d.wip_time) as time, sum(d.wip_costs) as costs
      from public.practice_daily d
      where d.org_id = ${orgId} and d.day > ${range.to}::date and (d.wip_time <> 0 or d.wip_costs <> 0)
      group by d.job_external_id
    ), asof as materialized (
      select p.job_external_id as job_id, p.job_number, p.name as job, p.client_external_id as client_id, p.wip_c as all_c,
             ${jsRound(sql`f.t8 * 100`)} as time_c, ${jsRound(sql`f.c8 * 100`)} as costs_c, ${jsRound(sql`(f.t8 + f.c8) * 100`)} as total_c
      from after a
      join public.practice_jobs p on p.org_id = ${orgId} and p.job_external_id = a.job_id ${ofClient(sql`p.client_external_id`)}
      cross join lateral (select (p.wip_time - a.time)::float8 as t8, (p.wip_costs - a.costs)::float8 as c8 offset 0) f
    ), base as (
      ${filters.client
        ? sql`select c.jobs, c.wip_c from public.practice_client_wip c where c.org_id = ${orgId} and c.client_external_id = ${filters.client}`
        : sql`select t.jobs, t.wip_c from public.practice_wip_totals t where t.org_id = ${orgId}`}
    ), touched as (
      select distinct client_id from asof
    )
    select coalesce(json_agg(r order by r.part, r.pos), '[]') as rows from (
    select 0 as part, 0::bigint as pos, null::text as job_id, null::text as job_number, null::text as job, null::text as client_id,
           null::text as client, null::bigint as time_c, null::bigint as costs_c,
           coalesce((select wip_c from base), 0) - coalesce((select sum(all_c) from asof), 0) + coalesce((select sum(total_c) from asof), 0) as total_c,
           coalesce((select jobs from base), 0) - (select count(*) from asof where all_c <> 0) + (select count(*) from asof where total_c <> 0) as n
    union all
    select 1, row_number() over (order by ${WIP_JOB_ORDER}), w.job_id, w.job_number, w.job, w.client_id, ${name},
           w.time_c, w.costs_c, w.total_c, null
    from (
      select * from (
        (select p.job_external_id as job_id, p.job_number, p.name as job, p.client_external_id as client_id, p.time_c, p.costs_c, p.wip_c as total_c
         from public.practice_jobs p
         where p.org_id = ${orgId} and p.wip_c <> 0 ${ofClient(sql`p.client_external_id`)}
           and p.job_external_id not in (select job_id from asof)
         order by p.wip_c desc, p.job_number
         limit ${pageRows})
        union all
        select job_id, job_number, job, client_id, time_c, costs_c, total_c from asof where total_c <> 0
      ) u
      order by ${WIP_JOB_ORDER}
      limit ${pageRows}
    ) w
    union all
    select 2, row_number() over (order by w.total_c desc, w.top_c desc, w.first_job), null, null, null, w.client_id, ${name},
           w.time_c, w.costs_c, w.total_c, null
    from (
      select * from (
        (select c.client_external_id as client_id, c.time_c, c.costs_c, c.wip_c as total_c, c.top_c, c.first_job
         from public.practice_client_wip c
         where c.org_id = ${orgId} ${ofClient(sql`c.client_external_id`)} and c.client_external_id not in (select client_id from touched)
         order by c.wip_c desc, c.top_c desc, c.first_job
         limit ${clients})
        union all
        -- The clients of the jobs taken as of the range's end, recounted from their jobs.
        select p.client_external_id, sum(coalesce(a.time_c, p.time_c)), sum(coalesce(a.costs_c, p.costs_c)), sum(coalesce(a.total_c, p.wip_c)),
               max(coalesce(a.total_c, p.wip_c)), (array_agg(p.job_number order by coalesce(a.total_c, p.wip_c) desc, p.job_number))[1]
        from public.practice_jobs p
        left join asof a on a.job_id = p.job_external_id
        where p.org_id = ${orgId} and p.client_external_id in (select client_id from touched) and coalesce(a.total_c, p.wip_c) <> 0
        group by p.client_external_id
      ) u
      order by total_c desc, top_c desc, first_job
      limit ${clients}
    ) w
    ) r`);
  return toWipSummary(result?.rows ?? []);
}
