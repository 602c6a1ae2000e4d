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

/** A budgeted job is active in the range when it starts by its end and ends (completed, else due) no earlier than its start. */
const active = (range: DateRange) => sql`p.budgeted and p.start_date <= ${range.to}::date and coalesce(p.end_date, ${range.to}::date) >= ${range.from}::date`;

/**
 * How many budgeted jobs are active in the range, and how many of them are over budget. For the
 * firm, from the budget calendar (practice_budget_calendar: jobs started by `to`, less jobs ended
 * before `from`, plus the jobs that end before they start and so were subtracted without being
 * counted): a few hundred day rows, whatever the number of jobs. For one client, its jobs.
 */
function countsSql(orgId: string, range: DateRange, client: string | undefined) {
  if (client) {
    return sql`select count(*) as jobs, count(*) filter (where p.over_budget) as over
      from public.practice_jobs p where p.org_id = ${orgId} and p.client_external_id = ${client} and ${active(range)}`;
  }
  return sql`
    select c.jobs + i.jobs as jobs, c.over + i.over as over
    from (
      select coalesce(sum(d.starts) filter (where d.day <= ${range.to}::date), 0) - coalesce(sum(d.ends) filter (where d.day < ${range.from}::date), 0) as jobs,
             coalesce(sum(d.starts_over) filter (where d.day <= ${range.to}::date), 0) - coalesce(sum(d.ends_over) filter (where d.day < ${range.from}::date), 0) as over
      from public.practice_budget_calendar d where d.org_id = ${orgId} and d.day <= ${range.to}::date
    ) c, (
      select count(*) as jobs, count(*) filter (where p.over_budget) as over
      from public.practice_jobs p
      where p.org_id = ${orgId} and p.budgeted and p.end_date < p.start_date and p.start_date > ${range.to}::date and p.end_date < ${range.from}::date
    ) i`;
}

/**
 * Budget against actual for the budgeted jobs active in the range; actual = all billable time and
 * costs at charge-out value, kept per job in practice_jobs. The rows are an index scan in the
 * table's order (most over budget, then job number); the counts come from countsSql.
 */
export async function jobBudgets(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters, limit: number | null): Promise<JobBudgets> {
  type Row = { job_id: string; job_number: string; job: string; client: string | null; budget: number; actual: number };
  // The counts and the page in one statement, the page as one JSON value (staffUtilization says why).
  const [result] = await tx.query<{ jobs: number; over: number; rows: Row[] }>(sql`
    with counts as (${countsSql(orgId, range, filters.client)}), page as (
      select r.job_external_id as job_id, r.job_number, r.name as job,
             (select cl.name from public.xpm_clients cl
               -- For one client, an uncorrelated subquery: its name looked up once, not per row.
               where cl.org_id = ${orgId} and cl.external_id = ${filters.client ? sql`${filters.client}` : sql`r.client_external_id`}) as client,
             r.budget, r.billable_value as actual, r.variance
      from (
        select p.job_external_id, p.job_number, p.name, p.client_external_id, p.budget, p.billable_value, p.variance
        from ${filters.client
          // One client's jobs through its index, then sorted: the variance index would pass every other client's.
          ? sql`(select * from public.practice_jobs c where c.org_id = ${orgId} and c.client_external_id = ${filters.client} offset 0) p`
          : sql`public.practice_jobs p`}
        where p.org_id = ${orgId} and ${active(range)}
        order by p.variance desc, p.job_number
        ${limit === null ? sql`` : sql`limit ${limit}`}
      ) r
    )
    select c.jobs, c.over, (select coalesce(json_agg(g order by g.variance desc, g.job_number), '[]') from page g) as rows from counts c`);
  const rows = result?.rows ?? [];
  return {
    rows: rows.map((r) => ({
      jobId: r.job_id, jobNumber: r.job_number, job: r.job, client: r.client ?? "", budget: toMoney(r.budget), actual: toMoney(r.actual),
      variance: toMoney(Number(r.actual) - Number(r.budget)),
    })),
    jobs: Number(result?.jobs ?? 0),
    overBudget: Number(result?.over ?? 0),
  };
}
