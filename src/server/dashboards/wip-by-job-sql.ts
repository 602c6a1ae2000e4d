import { sql, type SqlQuery } from "@/server/db/sql";

/**
 * Work in progress per job as of a day, from the rollups: (job_id, time, costs). Each job's WIP over
 * all time less what is dated after `asOf` (nothing, when `asOf` is today); for one staff member,
 * that member's daily rows (time only: costs have no staff). Jobs whose WIP nets to nothing may be
 * listed with 0. With `client`, only that client's jobs are read (the filter goes into each rollup
 * read, so a client's WIP costs its jobs, not the firm's). Shared by the Practice dashboard and the
 * assistant's WIP metric.
 */
export function wipByJobSql(orgId: string, asOf: string, staff: string | null | undefined, client?: string | null): SqlQuery {
  const ofClient = (column: SqlQuery) =>
    client ? sql`and ${column} in (select cj.external_id from public.xpm_jobs cj where cj.org_id = ${orgId} and cj.client_external_id = ${client})` : sql``;
  return staff
    ? sql`
      select d.job_external_id as job_id, sum(d.wip_time) as time, 0::numeric as costs
      from public.practice_daily d
      where d.org_id = ${orgId} and d.staff_external_id = ${staff} and d.day <= ${asOf}::date ${ofClient(sql`d.job_external_id`)}
      group by d.job_external_id
      having bool_or(d.wip_time <> 0)`
    : sql`
      select coalesce(t.job_id, a.job_id) as job_id, coalesce(t.time, 0) - coalesce(a.time, 0) as time,
             coalesce(t.costs, 0) - coalesce(a.costs, 0) as costs
      from (
        select jt.job_external_id as job_id, jt.wip_time as time, jt.wip_costs as costs
        from public.practice_job_totals jt
        where jt.org_id = ${orgId} and (jt.wip_time <> 0 or jt.wip_costs <> 0) ${ofClient(sql`jt.job_external_id`)}
      ) t
      full join (
        select d.job_external_id as job_id, sum(d.wip_time) as time, sum(d.wip_costs) as costs
        from public.practice_daily d
        where d.org_id = ${orgId} and d.day > ${asOf}::date and (d.wip_time <> 0 or d.wip_costs <> 0) ${ofClient(sql`d.job_external_id`)}
        group by d.job_external_id
      ) a on a.job_id = t.job_id`;
}
