import { sql } from "@/server/db";
import { staffHoursSql } from "@/server/dashboards/staff-hours-sql";
import type { MetricDefinition } from "../metric-types";
import { filterOf, num, oneDecimal, rowLimit } from "./metric-sql";

export const utilization: MetricDefinition = {
  id: "utilization",
  label: "Utilization",
  definition:
    "Billable hours in the period ÷ capacity × 100, where capacity is each person's weekly hours × weekdays in the period ÷ 5. Staff who are active or recorded time count, as on the Practice dashboard.",
  permission: "dashboards.view",
  dashboardView: "practice",
  unit: "percent",
  measure: "value",
  periodUse: "range",
  dimensions: ["staff"],
  defaultDimension: "staff",
  filters: ["staff"],
  ranked: true,
  source: "The hours rollup of XPM time entries (practice_staff_hours) and staff capacity (xpm_staff)",
  synonyms: ["utilization", "utilisation", "utilized", "utilised", "chargeability", "chargeable rate", "capacity used", "how busy"],
  examples: ["What was utilization last month?", "Utilization by staff this quarter", "Who had the highest utilization this year?"],
  async run(tx, q) {
    const { from, to } = q.period;
    const staff = filterOf(q, "staff");
    const rows = await tx.query<{ id: string; name: string; billable: number; capacity: number }>(sql`
      with weekdays as (
        select count(*) as n from generate_series(${from}::date, ${to}::date, interval '1 day') d where extract(isodow from d) < 6
      ), hours as (
        select f.staff_id, sum(f.billable_minutes) / 60.0 as billable
        from (${staffHoursSql(q.orgId, { from, to }, { staff: staff?.id })}) f
        group by f.staff_id
        having sum(f.entries) > 0
      )
      select s.external_id as id, s.name, coalesce(h.billable, 0) as billable, s.weekly_capacity_hours * (select n from weekdays) / 5.0 as capacity
      from public.xpm_staff s
      left join hours h on h.staff_id = s.external_id
      where s.org_id = ${q.orgId} and (s.is_active or h.staff_id is not null)
        ${staff ? sql`and s.external_id = ${staff.id}` : sql``}`);
    // Totals the way the dashboard's KPI adds them: rounded hours per person, then the ratio.
    const people = rows.map((r) => ({
      id: r.id,
      name: r.name,
      billable: num(r.billable),
      capacity: num(r.capacity),
      value: Number(r.capacity) > 0 ? oneDecimal((Number(r.billable) / Number(r.capacity)) * 100) : null,
    }));
    const billable = num(people.reduce((s, p) => s + p.billable, 0));
    const capacity = people.reduce((s, p) => s + p.capacity, 0);
    const ranked = [...people].sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.name.localeCompare(b.name));
    return {
      columns: q.dimension
        ? [
            { key: "name", label: "Staff member", unit: "text" },
            { key: "value", label: "Utilization %", unit: "percent" },
            { key: "billable", label: "Billable hours", unit: "hours" },
            { key: "capacity", label: "Capacity hours", unit: "hours" },
          ]
        : [{ key: "value", label: "Utilization %", unit: "percent" }],
      rows: q.dimension ? ranked.slice(0, rowLimit(q)) : [],
      totals: { value: capacity > 0 ? oneDecimal((billable / capacity) * 100) : null, billable, capacity: num(capacity) },
      rowCount: q.dimension ? people.length : 0,
    };
  },
};
