import { sql, type Tx } from "@/server/db";
import { STAFF_CHART_ROWS, TABLE_PAGE_ROWS, type BudgetRow, type PracticeData, type StaffRow, type WipClientRow, type WipJobRow } from "@/lib/dashboard-views";
import type { DateRange } from "@/server/dashboards/date-range";
import { toMoney } from "@/server/dashboards/to-money";
import { UTILIZATION_ORDER } from "@/server/dashboards/utilization-order";

/*
 * The Practice dashboard as it was computed before the rollups, straight from the time entries,
 * costs and jobs: the property test's independent oracle and the bench's "raw SQL" baseline.
 */
interface PracticeFilters {
  client?: string;
  staff?: string;
}

/**
 * Work in progress per job, largest first, every job that has some: billable time not yet invoiced
 * (minutes × the entry's rate) plus billable costs not yet invoiced (quantity × unit price), for work
 * dated up to the end of the range.
 */
async function rawWorkInProgress(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters): Promise<WipJobRow[]> {
  const staffFilter = filters.staff ? sql`and t.staff_external_id = ${filters.staff}` : sql``;
  const rows = await tx.query<{ job_id: string; job_number: string; job: string; client_id: string; client: string | null; time: number; costs: number }>(sql`
    with wip as (
      select x.job_id, sum(x.time) as time, sum(x.costs) as costs from (
        select t.job_external_id as job_id, t.minutes * t.billable_rate / 60.0 as time, 0::numeric as costs
        from public.xpm_time_entries t
        where t.org_id = ${orgId} and t.billable and t.invoice_task_external_id is null and t.entry_date <= ${range.to}::date ${staffFilter}
        union all
        select c.job_external_id, 0, c.quantity * c.unit_price
        from public.xpm_costs c
        where c.org_id = ${orgId} and c.billable and c.invoice_external_id is null and c.cost_date <= ${range.to}::date
          ${filters.staff ? sql`and false` : sql``}
      ) x group by x.job_id
    )
    select j.external_id as job_id, j.job_number, j.name as job, j.client_external_id as client_id, cl.name as client, w.time, w.costs
    from wip w
    join public.xpm_jobs j on j.org_id = ${orgId} and j.external_id = w.job_id
    left join public.xpm_clients cl on cl.org_id = j.org_id and cl.external_id = j.client_external_id
    where true ${filters.client ? sql`and j.client_external_id = ${filters.client}` : sql``}`);
  return rows
    .map((r) => ({
      jobId: r.job_id, jobNumber: r.job_number, job: r.job, clientId: r.client_id, client: r.client ?? r.client_id,
      time: toMoney(r.time), costs: toMoney(r.costs), total: toMoney(Number(r.time) + Number(r.costs)),
    }))
    .filter((r) => r.total !== 0)
    .sort((a, b) => b.total - a.total || a.jobNumber.localeCompare(b.jobNumber));
}

/**
 * Hours per staff member in the range, billable and not, against capacity (weekly hours × weekdays
 * in the range ÷ 5): every active member, and inactive ones who recorded time.
 */
async function rawStaffUtilization(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters): Promise<(StaffRow & { hoursRank: number })[]> {
  const rows = await tx.query<{ staff_id: string; name: string; billable: number; non_billable: number; capacity: number; hours_rank: number }>(sql`
    with weekdays as (
      select count(*) as n from generate_series(${range.from}::date, ${range.to}::date, interval '1 day') d where extract(isodow from d) < 6
    ), hours as (
      select t.staff_external_id as staff_id,
             coalesce(sum(t.minutes) filter (where t.billable), 0) as billable_minutes,
             coalesce(sum(t.minutes) filter (where not t.billable), 0) as non_billable_minutes
      from public.xpm_time_entries t
      ${filters.client ? sql`join public.xpm_jobs j on j.org_id = t.org_id and j.external_id = t.job_external_id and j.client_external_id = ${filters.client}` : sql``}
      where t.org_id = ${orgId} and t.entry_date between ${range.from}::date and ${range.to}::date
        ${filters.staff ? sql`and t.staff_external_id = ${filters.staff}` : sql``}
      group by t.staff_external_id
    )
    -- The hours chart's order: most hours first, then by name.
    select m.staff_id, m.name, m.billable_minutes / 60.0 as billable, m.non_billable_minutes / 60.0 as non_billable, m.capacity,
           rank() over (order by m.billable_minutes + m.non_billable_minutes desc, m.name, m.staff_id) as hours_rank
    from (
      select s.external_id as staff_id, s.name, coalesce(h.billable_minutes, 0) as billable_minutes, coalesce(h.non_billable_minutes, 0) as non_billable_minutes,
             s.weekly_capacity_hours * (select n from weekdays) / 5.0 as capacity,
             s.weekly_capacity_hours * 100 * (select n from weekdays) as capacity_500ths
      from public.xpm_staff s
      left join hours h on h.staff_id = s.external_id
      where s.org_id = ${orgId} and (s.is_active or h.staff_id is not null)
        ${filters.staff ? sql`and s.external_id = ${filters.staff}` : sql``}
    ) m
    -- Highest utilization first (the service's order key: equal utilizations by name).
    order by ${UTILIZATION_ORDER} desc nulls last, m.name, m.staff_id`);
  return rows.map((r) => ({
    staffId: r.staff_id,
    name: r.name,
    billableHours: toMoney(r.billable),
    nonBillableHours: toMoney(r.non_billable),
    capacityHours: toMoney(r.capacity),
    utilization: Number(r.capacity) > 0 ? Math.round((Number(r.billable) / Number(r.capacity)) * 1000) / 10 : null,
    hoursRank: Number(r.hours_rank),
  }));
}

interface JobBudgets {
  /** Most over budget first, `limit` of them (null: all). */
  rows: BudgetRow[];
  /** Budgeted jobs active in the range: the table's size in all. */
  jobs: number;
  /** Of those, the ones whose actual exceeds the budget (the tile). */
  overBudget: number;
}

/**
 * Budget against actual for the budgeted jobs active in the range; actual = all billable time and
 * costs at charge-out value. One pass: the window counts give the table's size and the over-budget
 * tile without a second scan.
 */
async function rawJobBudgets(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters, limit: number | null): Promise<JobBudgets> {
  const rows = await tx.query<{ job_id: string; job_number: string; job: string; client: string | null; budget: number; actual: number; jobs: number; over: number }>(sql`
    with active as (
      select j.external_id, j.job_number, j.name, j.client_external_id, j.budget
      from public.xpm_jobs j
      where j.org_id = ${orgId} and j.budget > 0 and j.start_date <= ${range.to}::date
        and coalesce(j.completed_date, j.due_date, ${range.to}::date) >= ${range.from}::date
        ${filters.client ? sql`and j.client_external_id = ${filters.client}` : sql``}
    ), actual as (
      select x.job_id, sum(x.value) as value from (
        select t.job_external_id as job_id, t.minutes * t.billable_rate / 60.0 as value
        from public.xpm_time_entries t
        where t.org_id = ${orgId} and t.billable and t.job_external_id in (select external_id from active)
        union all
        select c.job_external_id, c.quantity * c.unit_price
        from public.xpm_costs c
        where c.org_id = ${orgId} and c.billable and c.job_external_id in (select external_id from active)
      ) x group by x.job_id
    )
    select a.external_id as job_id, a.job_number, a.name as job, cl.name as client, a.budget, coalesce(ac.value, 0) as actual,
           count(*) over () as jobs,
           count(*) filter (where coalesce(ac.value, 0) > a.budget) over () as over
    from active a
    left join actual ac on ac.job_id = a.external_id
    left join public.xpm_clients cl on cl.org_id = ${orgId} and cl.external_id = a.client_external_id
    order by coalesce(ac.value, 0) - a.budget desc, a.job_number
    ${limit === null ? sql`` : sql`limit ${limit}`}`);
  return {
    rows: rows.map((r) => ({
      jobId: r.job_id, jobNumber: r.job_number, job: r.job, client: r.client ?? "", budget: toMoney(r.budget), actual: toMoney(r.actual),
      variance: toMoney(Number(r.actual) - Number(r.budget)),
    })),
    jobs: Number(rows[0]?.jobs ?? 0),
    overBudget: Number(rows[0]?.over ?? 0),
  };
}

/** Clients in the WIP chart and the client filter. */
const WIP_CLIENTS = 100;

/**
 * The Practice dashboard, set-based in SQL under the caller's RLS. Each tile is the sum (or count)
 * of its table over every row: WIP of the WIP-by-job table, hours and utilization of the staff
 * table, jobs over budget of the budget table; the tables send their first rows and their size.
 */
export async function rawPracticeData(tx: Tx, orgId: string, range: DateRange, filters: PracticeFilters): Promise<PracticeData> {
  const wipByJob = await rawWorkInProgress(tx, orgId, range, filters);
  const clients = new Map<string, WipClientRow>();
  for (const r of wipByJob) {
    const c = clients.get(r.clientId) ?? { clientId: r.clientId, client: r.client, time: 0, costs: 0, total: 0 };
    c.time = toMoney(c.time + r.time);
    c.costs = toMoney(c.costs + r.costs);
    c.total = toMoney(c.total + r.total);
    clients.set(r.clientId, c);
  }
  const ranked = await rawStaffUtilization(tx, orgId, range, filters);
  const staff = ranked.map(({ hoursRank: _, ...row }) => row);
  const budgets = await rawJobBudgets(tx, orgId, range, filters, TABLE_PAGE_ROWS);

  const billableHours = toMoney(staff.reduce((s, r) => s + r.billableHours, 0));
  const capacity = staff.reduce((s, r) => s + r.capacityHours, 0);
  return {
    view: "practice",
    staffScope: "everyone",
    kpis: {
      wip: toMoney(wipByJob.reduce((s, r) => s + r.total, 0)),
      billableHours,
      nonBillableHours: toMoney(staff.reduce((s, r) => s + r.nonBillableHours, 0)),
      utilization: capacity > 0 ? Math.round((billableHours / capacity) * 1000) / 10 : null,
      jobsOverBudget: budgets.overBudget,
    },
    wipByClient: [...clients.values()].sort((a, b) => b.total - a.total).slice(0, WIP_CLIENTS),
    wipByJob: { rows: wipByJob.slice(0, TABLE_PAGE_ROWS), total: wipByJob.length },
    staff: { rows: staff.slice(0, TABLE_PAGE_ROWS), total: staff.length },
    staffChart: ranked
      .filter((r) => r.billableHours !== 0 || r.nonBillableHours !== 0)
      .sort((a, b) => a.hoursRank - b.hoursRank)
      .slice(0, STAFF_CHART_ROWS)
      .map(({ hoursRank: _, ...row }) => row),
    budgets: { rows: budgets.rows, total: budgets.jobs },
  };
}
