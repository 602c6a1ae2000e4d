import { sql, type Tx } from "@/server/db";
import type { BudgetRow } from "@/lib/dashboard-views";
import type { DateRange } from "./date-range";
import { toMoney } from "./to-money";
import type { PracticeFilters } from "./work-in-progress";

export interface JobBudgets {
  /** Most over budget first, `limit` of them (null: all). */
  rows: BudgetRow[];
  /** Budgeted jobs active in the range: the table's size in all. */
  jobs: number;
  /** Of those, the ones whose actual exceeds the budget (the tile). */
  overBudget: number;
}

/**
 * Budget against actual for the budgeted jobs active in the range; actual = all billable time and
 * costs at charge-out value, from the per-job rollup. One pass: the window counts give the table's
 * size and the over-budget tile without a second scan.
 */
export async function jobBudgets(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters, limit: number | null): Promise<JobBudgets> {
  const rows = await tx.query<{ job_id: string; job_number: string; job: string; client: string | null; budget: number; actual: number; jobs: number; over: number }>(sql`
    with active as (
      select j.external_id, j.job_number, j.name, j.client_external_id, j.budget
      from public.xpm_jobs j
      where j.org_id = ${orgId} and j.budget > 0 and j.start_date <= ${range.to}::date
        and coalesce(j.completed_date, j.due_date, ${range.to}::date) >= ${range.from}::date
        ${filters.client ? sql`and j.client_external_id = ${filters.client}` : sql``}
    ), ranked as (
      select a.external_id as job_id, a.job_number, a.name as job, a.client_external_id, a.budget, coalesce(t.billable_value, 0) as actual,
             count(*) over () as jobs,
             count(*) filter (where coalesce(t.billable_value, 0) > a.budget) over () as over
      from active a
      left join public.practice_job_totals t on t.org_id = ${orgId} and t.job_external_id = a.external_id
      order by coalesce(t.billable_value, 0) - a.budget desc, a.job_number
      ${limit === null ? sql`` : sql`limit ${limit}`}
    )
    -- Names for the rows sent only.
    select r.job_id, r.job_number, r.job, cl.name as client, r.budget, r.actual, r.jobs, r.over
    from ranked r
    left join public.xpm_clients cl on cl.org_id = ${orgId} and cl.external_id = r.client_external_id
    order by r.actual - r.budget desc, r.job_number`);
  return {
    rows: rows.map((r) => ({
      jobId: r.job_id, jobNumber: r.job_number, job: r.job, client: r.client ?? "", budget: toMoney(r.budget), actual: toMoney(r.actual),
      variance: toMoney(Number(r.actual) - Number(r.budget)),
    })),
    jobs: Number(rows[0]?.jobs ?? 0),
    overBudget: Number(rows[0]?.over ?? 0),
  };
}
