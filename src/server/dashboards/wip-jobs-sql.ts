import { sql, type SqlQuery } from "@/server/db/sql";
import type { DateRange } from "./date-range";
import { jsRound } from "./js-round-sql";
import { wipByJobSql } from "./wip-by-job-sql";

/**
 * The WIP-by-job rows as the table lists them, in cents: (job_id, job_number, job, client_id, time_c,
 * costs_c, total_c), every job whose WIP rounds to something (clients' names are for the caller to
 * join, on the rows it keeps). The rounding is the one the
 * table has always shown: time and costs each to the cent, the total from their unrounded sum, in
 * float8 as JavaScript's `toMoney(Number(v))` did, so sums of these cents in SQL equal the sums the
 * dashboard used to make of the rows in JavaScript, to the cent.
 */
export function wipJobsSql(orgId: string, range: DateRange, filters: { client?: string; staff?: string }): SqlQuery {
  // numeric → float8 goes through text (the costly part, on PGlite above all): once per value, in a
  // subquery the planner may not flatten (offset 0), not once per use of the rounding expression.
  return sql`
    select x.job_id, x.job_number, x.job, x.client_id, ${jsRound(sql`x.time`)} as time_c, ${jsRound(sql`x.costs`)} as costs_c, x.total_c
    from (
      select f.*, ${jsRound(sql`f.total`)} as total_c
      from (
        select j.external_id as job_id, j.job_number, j.name as job, j.client_external_id as client_id,
               w.time::float8 as t8, w.costs::float8 as c8
        from (${wipByJobSql(orgId, range.to, filters.staff, filters.client)}) w
        join public.xpm_jobs j on j.org_id = ${orgId} and j.external_id = w.job_id
        where true ${filters.client ? sql`and j.client_external_id = ${filters.client}` : sql``}
        offset 0
      ) g
      cross join lateral (select g.job_id, g.job_number, g.job, g.client_id, g.t8 * 100 as time, g.c8 * 100 as costs, (g.t8 + g.c8) * 100 as total) f
      offset 0
    ) x
    where x.total_c <> 0`;
}
