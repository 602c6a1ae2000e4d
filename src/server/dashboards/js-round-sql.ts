import { sql, type SqlQuery } from "@/server/db/sql";

/**
 * `Math.round(x)` of a float8 as JavaScript rounds (halves towards +∞; SQL's round() takes them away
 * from zero), so that cents computed in SQL are the very cents `toMoney` gives for the same numeric.
 * practice_jobs' stored cents (20261202000100_practice_job_rollups.sql) spell out the same expression.
 */
export const jsRound = (x: SqlQuery) => sql`(floor(${x}) + case when ${x} - floor(${x}) >= 0.5 then 1 else 0 end)::bigint`;
