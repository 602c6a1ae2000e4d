import { sql, type Tx } from "@/server/db";
import type { StaffRow } from "@/lib/dashboard-views";
import type { DateRange } from "./date-range";
import { staffHoursSql } from "./staff-hours-sql";
import { toMoney } from "./to-money";
import type { PracticeFilters } from "./work-in-progress";

/**
 * Hours per staff member in the range, billable and not, against capacity (weekly hours × weekdays
 * in the range ÷ 5): every active member, and inactive ones who recorded time. Read from the rollups
 * (staffHoursSql).
 */
export async function staffUtilization(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters): Promise<StaffRow[]> {
  const facts = staffHoursSql(orgId, range, filters);
  type Row = { staff_id: string; name: string; billable: number; non_billable: number; capacity: number };
  // One JSON value rather than a row per member: a firm of 1,500 staff is 1,500 rows, and each row
  // costs more to hand over (PGlite above all) than its part of one JSON text does to parse.
  const [result] = await tx.query<{ rows: Row[] }>(sql`
    with weekdays as (
      select count(*) as n from generate_series(${range.from}::date, ${range.to}::date, interval '1 day') d where extract(isodow from d) < 6
    ), hours as (
      select f.staff_id, sum(f.billable_minutes) / 60.0 as billable, sum(f.non_billable_minutes) / 60.0 as non_billable
      from (${facts}) f
      group by f.staff_id
      having sum(f.entries) > 0
    )
    select coalesce(json_agg(x order by x.name), '[]') as rows from (
    select s.external_id as staff_id, s.name, coalesce(h.billable, 0) as billable, coalesce(h.non_billable, 0) as non_billable,
           s.weekly_capacity_hours * (select n from weekdays) / 5.0 as capacity
    from public.xpm_staff s
    left join hours h on h.staff_id = s.external_id
    where s.org_id = ${orgId} and (s.is_active or h.staff_id is not null)
      ${filters.staff ? sql`and s.external_id = ${filters.staff}` : sql``}
    ) x`);
  const rows = result?.rows ?? [];
  return rows.map((r) => ({
    staffId: r.staff_id,
    name: r.name,
    billableHours: toMoney(r.billable),
    nonBillableHours: toMoney(r.non_billable),
    capacityHours: toMoney(r.capacity),
    utilization: Number(r.capacity) > 0 ? Math.round((Number(r.billable) / Number(r.capacity)) * 1000) / 10 : null,
  }));
}
