import { sql, type SqlQuery } from "@/server/db/sql";

/**
 * Hours per staff member recorded between `from` and `to`, from the rollups: (staff_id, entries,
 * billable_minutes, non_billable_minutes), one row or several per member (sum them). The months the
 * range touches come from the monthly rows, less the days of those months outside the range (none,
 * for a range from the 1st to today); for one client, the daily rows of its jobs. Shared by the
 * Practice dashboard and the assistant's utilization metric.
 */
export function staffHoursSql(orgId: string, range: { from: string; to: string }, filters: { staff?: string | null; client?: string | null }): SqlQuery {
  const staffFilter = (column: SqlQuery) => (filters.staff ? sql`and ${column} = ${filters.staff}` : sql``);
  return filters.client
    ? sql`
      select d.staff_external_id as staff_id, d.entries, d.billable_minutes, d.non_billable_minutes
      -- The client's jobs first, then each job's days in the range (practice_daily_job_idx), rather than
      -- every job's days in the range filtered down to the client's.
      from (select j.external_id from public.xpm_jobs j where j.org_id = ${orgId} and j.client_external_id = ${filters.client} offset 0) j
      join public.practice_daily d on d.org_id = ${orgId} and d.job_external_id = j.external_id
      where d.day between ${range.from}::date and ${range.to}::date and d.staff_external_id <> ''
        ${staffFilter(sql`d.staff_external_id`)}`
    : sql`
      select h.staff_external_id as staff_id, h.entries, h.billable_minutes, h.non_billable_minutes
      from public.practice_staff_hours h
      where h.org_id = ${orgId} and h.grain = 'month'
        and h.period between date_trunc('month', ${range.from}::date)::date and ${range.to}::date ${staffFilter(sql`h.staff_external_id`)}
      union all
      select h.staff_external_id, -h.entries, -h.billable_minutes, -h.non_billable_minutes
      from public.practice_staff_hours h
      where h.org_id = ${orgId} and h.grain = 'day' ${staffFilter(sql`h.staff_external_id`)}
        and ((h.period >= date_trunc('month', ${range.from}::date)::date and h.period < ${range.from}::date)
          or (h.period > ${range.to}::date and h.period < (date_trunc('month', ${range.to}::date) + interval '1 month')::date))`;
}
