import { sql } from "@/server/db";
import type { MetricDefinition } from "../metric-types";
import { filterOf, num, rowLimit } from "./metric-sql";

export const wip: MetricDefinition = {
  id: "wip",
  label: "Work in progress",
  definition:
    "Billable work not yet invoiced: billable time (minutes × the entry's charge-out rate) and billable costs (quantity × unit price) without an invoice, dated up to the end of the period (today by default). As on the Practice dashboard.",
  permission: "dashboards.view",
  dashboardView: "practice",
  unit: "money",
  measure: "value",
  periodUse: "as-of",
  dimensions: ["client", "job"],
  defaultDimension: "client",
  filters: ["client", "job", "staff"],
  ranked: true,
  source: "XPM time entries and costs without an invoice (xpm_time_entries, xpm_costs)",
  synonyms: ["work in progress", "unbilled work", "unbilled time", "not yet invoiced", "not invoiced", "unbilled", "wip"],
  examples: ["What is our work in progress?", "WIP by job", "Which clients have the most unbilled work?"],
  async run(tx, q) {
    const client = filterOf(q, "client");
    const job = filterOf(q, "job");
    const staff = filterOf(q, "staff");
    const asOf = q.period.to < q.today ? q.period.to : q.today;
    const byJob = q.dimension === "job";
    // Rounded per job first, as the dashboard sums its per-job rows: the totals agree to the cent.
    const rows = await tx.query<{ id: string; name: string; time: number; costs: number; value: number; grand: number; n: number }>(sql`
      with wip as (
        select x.job_id, sum(x.time) as time, sum(x.costs) as costs from (
          select t.job_external_id as job_id, t.minutes * t.billable_rate / 60.0 as time, 0::numeric as costs
          from public.xpm_time_entries t
          where t.org_id = ${q.orgId} and t.billable and t.invoice_task_external_id is null and t.entry_date <= ${asOf}::date
            ${staff ? sql`and t.staff_external_id = ${staff.id}` : sql``}
          union all
          select c.job_external_id, 0, c.quantity * c.unit_price
          from public.xpm_costs c
          where c.org_id = ${q.orgId} and c.billable and c.invoice_external_id is null and c.cost_date <= ${asOf}::date
            ${staff ? sql`and false` : sql``}
        ) x group by x.job_id
      ), per_job as (
        select j.external_id as job_id, j.job_number, j.name as job, j.client_external_id as client_id, coalesce(cl.name, j.client_external_id) as client,
               round(w.time, 2) as time, round(w.costs, 2) as costs, round(w.time + w.costs, 2) as total
        from wip w
        join public.xpm_jobs j on j.org_id = ${q.orgId} and j.external_id = w.job_id
        left join public.xpm_clients cl on cl.org_id = j.org_id and cl.external_id = j.client_external_id
        where round(w.time + w.costs, 2) <> 0
          ${client ? sql`and j.client_external_id = ${client.id}` : sql``}
          ${job ? sql`and j.external_id = ${job.id}` : sql``}
      ), grouped as (
        select ${byJob ? sql`p.job_id as id, p.job_number || ' ' || p.job as name` : sql`p.client_id as id, p.client as name`},
               sum(p.time) as time, sum(p.costs) as costs, sum(p.total) as value
        from per_job p group by 1, 2
      )
      select g.*, sum(g.value) over () as grand, count(*) over () as n from grouped g
      order by g.value desc, g.id limit ${q.dimension ? rowLimit(q) : 1}`);
    const grand = num(rows[0]?.grand ?? 0);
    return {
      columns: q.dimension
        ? [
            { key: "name", label: byJob ? "Job" : "Client", unit: "text" },
            { key: "time", label: "Time", unit: "money" },
            { key: "costs", label: "Costs", unit: "money" },
            { key: "value", label: "WIP", unit: "money" },
          ]
        : [{ key: "value", label: "WIP", unit: "money" }],
      rows: q.dimension ? rows.map((r) => ({ id: r.id, name: r.name, time: num(r.time), costs: num(r.costs), value: num(r.value) })) : [],
      totals: { value: grand },
      rowCount: q.dimension ? Number(rows[0]?.n ?? 0) : 0,
    };
  },
};
