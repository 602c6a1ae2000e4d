import { sql } from "@/server/db/sql";

/**
 * The utilization table's order key for a member `m` with billable_minutes and capacity_500ths
 * (weekly capacity in hundredths of an hour × weekdays in the range, so capacity in hours is that
 * ÷ 500): billable hours over capacity, as a float. Null (listed last) without capacity. Shared with
 * the raw oracle so both order members whose utilization is equal the same way, by name.
 */
export const UTILIZATION_ORDER = sql`case when m.capacity_500ths > 0 then (m.billable_minutes::float8 / 60) / (m.capacity_500ths::float8 / 500) end`;
