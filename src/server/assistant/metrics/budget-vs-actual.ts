import { sql } from "@/server/db";
import type { MetricDefinition } from "../metric-types";
import { filterOf, num, rowLimit } from "./metric-sql";

export const budgetVsActual: MetricDefinition = {
  id: "budget_vs_actual",
  label: "Budget vs actual",
  definition:
    "For XPM jobs with a budget that were active in the period: actual = all billable time (minutes × rate) and billable costs (quantity × unit price) at charge-out value; variance = actual − budget (positive is over budget). As on the Practice dashboard.",
  permission: "dashboards.view",
  dashboardView: "practice",
  unit: "money",
  measure: "variance",
  periodUse: "range",
  dimensions: ["job"],
  defaultDimension: "job",
  filters: ["client", "job"],
  ranked: true,
  source: "XPM jobs (xpm_jobs) and the per-job rollup of their billable time and costs (practice_job_totals)",
  synonyms: ["budget vs actual", "budget versus actual", "budget against actual", "over budget", "under budget", "job budgets", "job budget", "budgets", "budget", "overruns", "overrun"],
  examples: ["Which jobs are over budget?", "Budget vs actual by job this year", "Top 5 jobs over budget"],
  async run(tx, q) {
    const { from, to } = q.period;
    const client = filterOf(q, "client");
    const job = filterOf(q, "job");
    const rows = await tx.query<{ id: string; job_number: string; job: string; client: string | null; budget: number; actual: number; over: number; n: number; budget_total: number; actual_total: number }>(sql`
      with active as (
        select j.external_id, j.job_number, j.name, j.client_external_id, j.budget
        from public.xpm_jobs j
        where j.org_id = ${q.orgId} and j.budget > 0 and j.start_date <= ${to}::date
          and coalesce(j.completed_date, j.due_date, ${to}::date) >= ${from}::date
          ${client ? sql`and j.client_external_id = ${client.id}` : sql``}
          ${job ? sql`and j.external_id = ${job.id}` : sql``}
      ), actual as (
        -- All billable time and costs at charge-out value, per job over all time: the rollup the
        -- triggers keep (the same per-row terms, summed exactly), not every time entry and cost.
        select t.job_external_id as job_id, t.billable_value as value
        from public.practice_job_totals t
        where t.org_id = ${q.orgId} and t.job_external_id in (select external_id from active)
      )
      select a.external_id as id, a.job_number, a.name as job, cl.name as client, a.budget, coalesce(ac.value, 0) as actual,
             count(*) filter (where coalesce(ac.value, 0) > a.budget) over () as over, count(*) over () as n,
             sum(a.budget) over () as budget_total, sum(coalesce(ac.value, 0)) over () as actual_total
      from active a
      left join actual ac on ac.job_id = a.external_id
      left join public.xpm_clients cl on cl.org_id = ${q.orgId} and cl.external_id = a.client_external_id
      order by coalesce(ac.value, 0) - a.budget desc, a.job_number
      limit ${rowLimit(q)}`);
    return {
      columns: [
        { key: "name", label: "Job", unit: "text" },
        { key: "client", label: "Client", unit: "text" },
        { key: "budget", label: "Budget", unit: "money" },
        { key: "actual", label: "Actual", unit: "money" },
        { key: "variance", label: "Variance", unit: "money" },
      ],
      rows: rows.map((r) => ({
        id: r.id, name: `${r.job_number} ${r.job}`, client: r.client ?? "", budget: num(r.budget), actual: num(r.actual), variance: num(Number(r.actual) - Number(r.budget)),
      })),
      totals: {
        variance: num(Number(rows[0]?.actual_total ?? 0) - Number(rows[0]?.budget_total ?? 0)),
        budget: num(rows[0]?.budget_total ?? 0),
        actual: num(rows[0]?.actual_total ?? 0),
        overBudget: Number(rows[0]?.over ?? 0),
        jobs: Number(rows[0]?.n ?? 0),
      },
      rowCount: Number(rows[0]?.n ?? 0),
    };
  },
};
