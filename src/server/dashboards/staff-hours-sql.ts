import { sql, type SqlQuery } from "@/server/db/sql";
import { staffHoursPieces } from "./staff-hours-pieces";

/**
 * Hours per staff member recorded between `from` and `to`, from the rollups: (staff_id, entries,
 * billable_minutes, non_billable_minutes), one row or several per member (sum them). The firm's come
 * from the year, month and day rows staffHoursPieces picks (the last twelve months: two rows per
 * member); one client's from the daily rows of its jobs (each carries its client). Shared by the
 * Practice dashboard and the assistant's utilization metric. The range must not be empty.
 */
export function staffHoursSql(orgId: string, range: { from: string; to: string }, filters: { staff?: string | null; client?: string | null }): SqlQuery {
  const staffFilter = (column: SqlQuery) => (filters.staff ? sql`and ${column} = ${filters.staff}` : sql``);
  return filters.client
    ? sql`
      select d.staff_external_id as staff_id, d.entries, d.billable_minutes, d.non_billable_minutes
      -- The client's days in the range: one scan of practice_daily_client_idx (each day row carries its
      -- job's client), not a descent per job.
      from public.practice_daily d
      where d.org_id = ${orgId} and d.client_external_id = ${filters.client} and d.day between ${range.from}::date and ${range.to}::date
        and d.staff_external_id <> '' ${staffFilter(sql`d.staff_external_id`)}`
    : staffHoursPieces(range.from, range.to)
        .map((p) => sql`
          select h.staff_external_id as staff_id, ${p.sign}::int * h.entries as entries, ${p.sign}::int * h.billable_minutes as billable_minutes,
                 ${p.sign}::int * h.non_billable_minutes as non_billable_minutes
          from public.practice_staff_hours h
          where h.org_id = ${orgId} and h.grain = ${p.grain} and h.period between ${p.from}::date and ${p.to}::date ${staffFilter(sql`h.staff_external_id`)}`)
        .reduce((all, piece) => sql`${all} union all ${piece}`);
}
