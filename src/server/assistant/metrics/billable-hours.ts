import { sql } from "@/server/db";
import type { MetricDefinition } from "../metric-types";
import { filterOf, GRAINS, isTimeGrain, num, rowLimit } from "./metric-sql";

export const billableHours: MetricDefinition = {
  id: "billable_hours",
  label: "Billable hours",
  definition:
    "Hours recorded in XPM time entries dated in the period, billable and non-billable (negative corrections included), as on the Practice dashboard.",
  permission: "dashboards.view",
  dashboardView: "practice",
  unit: "hours",
  measure: "value",
  periodUse: "range",
  dimensions: ["staff", "month", "quarter", "year", "client", "job"],
  defaultDimension: "staff",
  filters: ["staff", "client", "job"],
  ranked: true,
  source: "The daily practice rollup of XPM time entries (practice_daily)",
  synonyms: ["billable hours", "non-billable hours", "chargeable hours", "hours billed", "hours worked", "hours logged", "time logged", "time recorded", "timesheets", "timesheet", "hours"],
  examples: ["Billable hours by staff last month", "Billable hours by month this year", "How many hours did Chloe Wu bill last quarter?"],
  async run(tx, q) {
    const { from, to } = q.period;
    const staff = filterOf(q, "staff");
    const client = filterOf(q, "client");
    const job = filterOf(q, "job");
    // One row per day, job and staff member from the practice rollup (a day's entries summed), not
    // one per time entry; `entries > 0` keeps the rows that hold time (a job's costs have none).
    const facts = sql`
      select d.day, d.staff_external_id as staff_id, d.job_external_id as job_id, j.client_external_id as client_id,
             d.billable_minutes / 60.0 as billable, d.non_billable_minutes / 60.0 as non_billable
      from public.practice_daily d
      left join public.xpm_jobs j on j.org_id = d.org_id and j.external_id = d.job_external_id
      where d.org_id = ${q.orgId} and d.day between ${from}::date and ${to}::date and d.entries > 0
        ${staff ? sql`and d.staff_external_id = ${staff.id}` : sql``}
        ${client ? sql`and j.client_external_id = ${client.id}` : sql``}
        ${job ? sql`and d.job_external_id = ${job.id}` : sql``}`;
    const columns = (label: string) => [
      { key: "name", label, unit: "text" as const },
      { key: "value", label: "Billable hours", unit: "hours" as const },
      { key: "nonBillable", label: "Non-billable hours", unit: "hours" as const },
    ];
    type Row = { id: string; name: string; value: number; non_billable: number; grand: number; grand_nb: number; n: number };
    const shape = (rows: Row[], label: string, timeKeyed = false) => ({
      columns: timeKeyed ? [{ key: "key", label, unit: "text" as const }, ...columns(label).slice(1)] : columns(label),
      rows: rows.map((r): Record<string, string | number | null> =>
        timeKeyed ? { key: r.id, value: num(r.value), nonBillable: num(r.non_billable) } : { id: r.id, name: r.name, value: num(r.value), nonBillable: num(r.non_billable) }),
      totals: { value: num(rows[0]?.grand ?? 0), nonBillable: num(rows[0]?.grand_nb ?? 0) },
      rowCount: Number(rows[0]?.n ?? 0),
    });

    if (isTimeGrain(q.dimension)) {
      const g = GRAINS[q.dimension];
      const rows = await tx.query<Row>(sql`
        with facts as (${facts})
        select to_char(b.start, ${g.format}) as id, '' as name, coalesce(sum(f.billable), 0) as value, coalesce(sum(f.non_billable), 0) as non_billable,
               sum(coalesce(sum(f.billable), 0)) over () as grand, sum(coalesce(sum(f.non_billable), 0)) over () as grand_nb, count(*) over () as n
        from generate_series(date_trunc(${g.unit}, ${from}::date), ${to}::date, ${g.step}::interval) as b(start)
        left join facts f on date_trunc(${g.unit}, f.day) = b.start
        group by b.start order by b.start`);
      return shape(rows, q.dimension, true);
    }
    const key =
      q.dimension === "client" ? sql`f.client_id`
      : q.dimension === "job" ? sql`f.job_id`
      : q.dimension === "staff" ? sql`f.staff_id`
      : sql`'all'`;
    const name =
      q.dimension === "client" ? sql`(select coalesce(max(c.name), g.id) from public.xpm_clients c where c.org_id = ${q.orgId} and c.external_id = g.id)`
      : q.dimension === "job" ? sql`(select coalesce(max(j.job_number || ' ' || j.name), g.id) from public.xpm_jobs j where j.org_id = ${q.orgId} and j.external_id = g.id)`
      : q.dimension === "staff" ? sql`(select coalesce(max(s.name), g.id) from public.xpm_staff s where s.org_id = ${q.orgId} and s.external_id = g.id)`
      : sql`'All'`;
    const rows = await tx.query<Row>(sql`
      with facts as (${facts}),
      g as (select ${key} as id, sum(f.billable) as value, sum(f.non_billable) as non_billable from facts f group by 1)
      select g.id, ${name} as name, g.value, g.non_billable, sum(g.value) over () as grand, sum(g.non_billable) over () as grand_nb, count(*) over () as n
      from g order by g.value desc, g.id limit ${rowLimit(q)}`);
    const label = q.dimension === "client" ? "Client" : q.dimension === "job" ? "Job" : "Staff member";
    const result = shape(rows, label);
    return q.dimension ? result : { ...result, rows: [], rowCount: 0, columns: result.columns.slice(1) };
  },
};
