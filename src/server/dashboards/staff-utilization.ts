import { sql, type Tx } from "@/server/db";
import type { SqlQuery } from "@/server/db/sql";
import type { StaffRow, TablePage } from "@/lib/dashboard-views";
import type { DateRange } from "./date-range";
import { staffHoursSql } from "./staff-hours-sql";
import { UTILIZATION_ORDER } from "./utilization-order";
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
 * (staffHoursSql).
 *
 * A firm of 1,500 staff sends its totals and a page, not 1,500 rows, and the work over every member
 * is integer and float arithmetic, not numeric:
 * - the totals are every member's own cents summed (the CSV's rows add up to them): a row's hours
 *   are minutes ÷ 60, so its cents are round(minutes × 5 ÷ 3), never half a cent; its capacity is
 *   hundredths × weekdays ÷ 5, never half a cent either: the same cents toMoney makes of the row;
 * - the orders are utilization as minutes ÷ 60 ÷ capacity (UTILIZATION_ORDER), and minutes;
 * - only the rows sent are numeric (minutes ÷ 60.0), as one JSON value: cheaper to hand over than a
 *   row each.
 */
export async function staffUtilization(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters, options: StaffUtilizationOptions): Promise<StaffUtilization> {
  const facts = staffHoursSql(orgId, range, filters);
  const { pageRows, chartRows = 0, only = null } = options;
  /** staff_id, name, billable, non_billable, capacity: positions, not keys, keep the JSON short. */
  type Row = [string, string, number, number, number];
  const listed = only ? sql`m.staff_id = any(${[...only]}::text[])` : sql`true`;
  const byUse = sql`${UTILIZATION_ORDER} desc nulls last, m.name, m.staff_id`;
  const byHours = sql`m.billable_minutes + m.non_billable_minutes desc, m.name, m.staff_id`;
  const row = (m: SqlQuery) =>
    sql`json_build_array(${m}.staff_id, ${m}.name, ${m}.billable_minutes / 60.0, ${m}.non_billable_minutes / 60.0, ${m}.capacity_hundredths * (select n from weekdays) / 500.0)`;
  const [result] = await tx.query<{ total: number; billable_c: number; non_billable_c: number; capacity_c: number; rows: Row[]; chart: Row[] }>(sql`
    with weekdays as (
      select count(*)::int as n from generate_series(${range.from}::date, ${range.to}::date, interval '1 day') d where extract(isodow from d) < 6
    ), hours as (
      select f.staff_id, sum(f.billable_minutes)::bigint as billable_minutes, sum(f.non_billable_minutes)::bigint as non_billable_minutes
      from (${facts}) f
      group by f.staff_id
      having sum(f.entries) > 0
    ), members as materialized (
      select s.external_id as staff_id, s.name, coalesce(h.billable_minutes, 0) as billable_minutes, coalesce(h.non_billable_minutes, 0) as non_billable_minutes,
             (s.weekly_capacity_hours * 100)::bigint as capacity_hundredths, (s.weekly_capacity_hours * 100)::bigint * (select n from weekdays) as capacity_500ths
      from public.xpm_staff s
      left join hours h on h.staff_id = s.external_id
      where s.org_id = ${orgId} and (s.is_active or h.staff_id is not null)
        ${filters.staff ? sql`and s.external_id = ${filters.staff}` : sql``}
    )
    select t.total, t.billable_c, t.non_billable_c, t.capacity_c,
           -- The page: highest utilization first (a top-N sort, not a sort of every member).
           (select coalesce(json_agg(${row(sql`p`)} order by p.n), '[]')
            from (select m.*, row_number() over (order by ${byUse}) as n from (
                    select * from members m where ${listed} order by ${byUse} ${pageRows === null ? sql`` : sql`limit ${pageRows}`}
                  ) m) p) as rows,
           -- The chart: members who recorded time (or had it taken back), most hours first.
           (select coalesce(json_agg(${row(sql`c`)} order by c.n), '[]')
            from (select m.*, row_number() over (order by ${byHours}) as n from (
                    select * from members m where ${listed} and (m.billable_minutes <> 0 or m.non_billable_minutes <> 0) order by ${byHours} limit ${chartRows}
                  ) m) c) as chart
    -- The size and the totals in one pass over the members.
    from (select count(*) filter (where ${listed}) as total,
                 coalesce(sum(round((5 * m.billable_minutes)::float8 / 3)), 0)::bigint as billable_c,
                 coalesce(sum(round((5 * m.non_billable_minutes)::float8 / 3)), 0)::bigint as non_billable_c,
                 coalesce(sum(round(m.capacity_500ths::float8 / 5)), 0)::bigint as capacity_c
          from members m) t`);
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
    totals: {
      billableHours: Number(result?.billable_c ?? 0) / 100,
      nonBillableHours: Number(result?.non_billable_c ?? 0) / 100,
      capacityHours: Number(result?.capacity_c ?? 0) / 100,
    },
  };
}
