import { sql } from "@/server/db";
import type { MetricDefinition } from "../metric-types";
import { wipByJobSql } from "@/server/dashboards/wip-by-job-sql";
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
  source: "The work-in-progress rollups of XPM time and costs (practice_job_totals, practice_daily)",
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
      with wip as (${wipByJobSql(q.orgId, asOf, staff?.id)}
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
