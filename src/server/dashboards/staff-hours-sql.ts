import { sql, type SqlQuery } from "@/server/db/sql";
import { staffHoursPieces } from "./staff-hours-pieces";

/**
 * Hours per staff member recorded between `from` and `to`, from the rollups: (staff_id, entries,
 * billable_minutes, non_billable_minutes), one row or several per member (sum them). The firm's come
 * from the year, month and day rows staffHoursPieces picks (the last twelve months: two rows per
 * member); one client's from the daily rows of its jobs. Shared by the Practice dashboard and the
 * assistant's utilization metric. The range must not be empty.
 */
export function staffHoursSql(orgId: string, range: { from: string; to: string }, filters: { staff?: string | null; client?: string | null }): SqlQuery {
  const staffFilter = (column: SqlQuery) => (filters.staff ? sql`and ${column} = ${filters.staff}` : sql``);
  return filters.client
    ? sql`
      select d.staff_external_id as staff_id, d.entries, d.billable_minutes, d.non_billable_minutes
      -- The client's jobs first, then each job's days in the range (practice_daily_job_idx), rather than
      -- every job's days in the range filtered down to the client's; both from their indexes alone, and
      -- a lateral join whatever the planner's statistics (PGlite gathers none by itself).
      from (select p.job_external_id from public.practice_jobs p where p.org_id = ${orgId} and p.client_external_id = ${filters.client}) j
      cross join lateral (
        select d.staff_external_id, d.entries, d.billable_minutes, d.non_billable_minutes
        from public.practice_daily d
        where d.org_id = ${orgId} and d.job_external_id = j.job_external_id and d.day between ${range.from}::date and ${range.to}::date
          and d.staff_external_id <> '' ${staffFilter(sql`d.staff_external_id`)}
        offset 0
      ) d`
    : staffHoursPieces(range.from, range.to)
        .map((p) => sql`
          select h.staff_external_id as staff_id, ${p.sign}::int * h.entries as entries, ${p.sign}::int * h.billable_minutes as billable_minutes,
                 ${p.sign}::int * h.non_billable_minutes as non_billable_minutes
          from public.practice_staff_hours h
          where h.org_id = ${orgId} and h.grain = ${p.grain} and h.period between ${p.from}::date and ${p.to}::date ${staffFilter(sql`h.staff_external_id`)}`)
        .reduce((all, piece) => sql`${all} union all ${piece}`);
}
