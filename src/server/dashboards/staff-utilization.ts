import { sql, type Tx } from "@/server/db";
import type { StaffRow, TablePage } from "@/lib/dashboard-views";
import type { DateRange } from "./date-range";
import { staffHoursSql } from "./staff-hours-sql";
import { toMoney } from "./to-money";
import type { PracticeFilters } from "./work-in-progress";

export interface StaffUtilization {
  /** The table: highest utilization first (then by name), its first `pageRows` rows and its size. */
  page: TablePage<StaffRow>;
  /** The chart: the `chartRows` members with the most hours recorded, most first. */
  mostHours: StaffRow[];
  /** The tiles: over every member the filters keep, whichever of them are listed. */
  totals: { billableHours: number; nonBillableHours: number; capacityHours: number };
}

export interface StaffUtilizationOptions {
  /** Rows of the table to send; null for every row (the CSV). */
  pageRows: number | null;
  chartRows?: number;
  /** List only these members (a viewer who sees their own rows); the totals stay the team's. */
  only?: readonly string[] | null;
}

/**
 * Hours per staff member in the range, billable and not, against capacity (weekly hours × weekdays
 * in the range ÷ 5): every active member, and inactive ones who recorded time. Read from the rollups
 * (staffHoursSql). A firm of 1,500 staff sends its totals and a page, not 1,500 rows: the totals are
 * the listed rows' own cents summed in SQL (round(…, 2) is toMoney here: hours are minutes ÷ 60, so
 * never half a cent), and the rows come back as one JSON value, cheaper to hand over than a row each.
 */
export async function staffUtilization(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters, options: StaffUtilizationOptions): Promise<StaffUtilization> {
  const facts = staffHoursSql(orgId, range, filters);
  const { pageRows, chartRows = 0, only = null } = options;
  /** staff_id, name, billable, non_billable, capacity: positions, not keys, keep the JSON short. */
  type Row = [string, string, number, number, number];
  const listed = only ? sql`m.staff_id = any(${[...only]}::text[])` : sql`true`;
  const byUse = sql`case when m.capacity > 0 then m.billable / m.capacity end desc nulls last, m.name, m.staff_id`;
  const byHours = sql`m.billable + m.non_billable desc, m.name, m.staff_id`;
  const [result] = await tx.query<{ total: number; billable: string; non_billable: string; capacity: string; rows: Row[]; chart: Row[] }>(sql`
    with weekdays as (
      select count(*) as n from generate_series(${range.from}::date, ${range.to}::date, interval '1 day') d where extract(isodow from d) < 6
    ), hours as (
      select f.staff_id, sum(f.billable_minutes) / 60.0 as billable, sum(f.non_billable_minutes) / 60.0 as non_billable
      from (${facts}) f
      group by f.staff_id
      having sum(f.entries) > 0
    ), members as materialized (
      select s.external_id as staff_id, s.name, coalesce(h.billable, 0) as billable, coalesce(h.non_billable, 0) as non_billable,
             s.weekly_capacity_hours * (select n from weekdays) / 5.0 as capacity
      from public.xpm_staff s
      left join hours h on h.staff_id = s.external_id
      where s.org_id = ${orgId} and (s.is_active or h.staff_id is not null)
        ${filters.staff ? sql`and s.external_id = ${filters.staff}` : sql``}
    )
    select (select count(*) from members m where ${listed}) as total,
           (select coalesce(sum(round(billable, 2)), 0) from members) as billable,
           (select coalesce(sum(round(non_billable, 2)), 0) from members) as non_billable,
           (select coalesce(sum(round(capacity, 2)), 0) from members) as capacity,
           -- The page: highest utilization first (a top-N sort, not a sort of every member).
           (select coalesce(json_agg(json_build_array(p.staff_id, p.name, p.billable, p.non_billable, p.capacity) order by p.n), '[]')
            from (select m.*, row_number() over (order by ${byUse}) as n from (
                    select * from members m where ${listed} order by ${byUse} ${pageRows === null ? sql`` : sql`limit ${pageRows}`}
                  ) m) p) as rows,
           -- The chart: members who recorded time (or had it taken back), most hours first.
           (select coalesce(json_agg(json_build_array(c.staff_id, c.name, c.billable, c.non_billable, c.capacity) order by c.n), '[]')
            from (select m.*, row_number() over (order by ${byHours}) as n from (
                    select * from members m where ${listed} and (m.billable <> 0 or m.non_billable <> 0) order by ${byHours} limit ${chartRows}
                  ) m) c) as chart`);
  const toRow = ([staffId, name, billable, nonBillable, capacity]: Row): StaffRow => ({
    staffId,
    name,
    billableHours: toMoney(billable),
    nonBillableHours: toMoney(nonBillable),
    capacityHours: toMoney(capacity),
    utilization: Number(capacity) > 0 ? Math.round((Number(billable) / Number(capacity)) * 1000) / 10 : null,
  });
  return {
    page: { rows: (result?.rows ?? []).map(toRow), total: Number(result?.total ?? 0) },
    mostHours: (result?.chart ?? []).map(toRow),
    totals: { billableHours: toMoney(result?.billable), nonBillableHours: toMoney(result?.non_billable), capacityHours: toMoney(result?.capacity) },
  };
}
