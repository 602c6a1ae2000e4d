-- The Practice dashboard without reading every job. At a million invoices a firm has about 100,000
-- jobs with work in progress; the dashboard used to read each of them per request to total the WIP
-- tile, rank the first page of WIP by job, group WIP by client, and count the budgeted jobs active
-- in the range. Now each of those reads a few hundred pre-computed rows:
--
-- * practice_jobs: one row per XPM job, its facts (number, name, client, budget, dates) beside its totals
--   from practice_job_totals, and its WIP in cents as the dashboard rounds it (stored, indexed):
--   the first page of WIP by job and of budgets are index scans.
-- * practice_client_wip: WIP per client (the sum of its jobs' rounded cents), with the client's
--   largest job for the table's tie order: the top clients are an index scan.
-- * practice_wip_totals: WIP per organization: the tile and the table's size are one row.
-- * practice_budget_calendar: budgeted jobs counted by the day they start and the day they end, with
--   how many of them are over budget. Jobs active in [from, to] = started by `to` − ended before
--   `from` (+ the rare job that ends before it starts, read from its own index).
-- * an index that covers the staff hours' month and year rows.
-- * each practice_daily row's client (its job's), so one client's hours are one index scan.
--
-- They are kept by statement-level triggers, in the same transaction as the write, like every rollup:
-- xpm_jobs and practice_job_totals keep practice_jobs (set to the current values, not added to, so
-- it cannot drift from them); practice_jobs keeps the client rollup (recounting the touched clients
-- from their jobs) and the calendar (signed deltas); the client rollup keeps the organization's row
-- (signed deltas). app_private.rebuild_rollups recounts all four for an organization.

create table public.practice_jobs (
  org_id uuid not null references public.organizations (id) on delete cascade,
  job_external_id text not null,
  job_number text not null,
  name text not null,
  client_external_id text not null,
  budget numeric(14, 2),
  start_date date,
  -- When the job stops being active: completed, else due; null: open-ended.
  end_date date,
  billable_value numeric not null default 0,
  wip_time numeric not null default 0,
  wip_costs numeric not null default 0,
  -- Cents as the WIP table shows them (src/server/dashboards/wip-jobs-sql.ts): each of time and costs
  -- rounded from float8 as JavaScript's Math.round does, the total from their unrounded sum.
  time_c bigint generated always as (
    (floor(wip_time::float8 * 100) + case when wip_time::float8 * 100 - floor(wip_time::float8 * 100) >= 0.5 then 1 else 0 end)::bigint) stored,
  costs_c bigint generated always as (
    (floor(wip_costs::float8 * 100) + case when wip_costs::float8 * 100 - floor(wip_costs::float8 * 100) >= 0.5 then 1 else 0 end)::bigint) stored,
  wip_c bigint generated always as (
    (floor((wip_time::float8 + wip_costs::float8) * 100)
      + case when (wip_time::float8 + wip_costs::float8) * 100 - floor((wip_time::float8 + wip_costs::float8) * 100) >= 0.5 then 1 else 0 end)::bigint) stored,
  budgeted boolean generated always as (coalesce(budget > 0, false)) stored,
  over_budget boolean generated always as (coalesce(budget > 0 and billable_value > budget, false)) stored,
  variance numeric generated always as (billable_value - coalesce(budget, 0)) stored,
  primary key (org_id, job_external_id)
);
-- WIP by job, largest first (the table's order); and within one client (its page, and its recount).
create index practice_jobs_wip_idx on public.practice_jobs (org_id, wip_c desc, job_number) where wip_c <> 0;
create index practice_jobs_client_wip_idx on public.practice_jobs (org_id, client_external_id, wip_c desc, job_number) where wip_c <> 0;
-- Budgets, most over first.
create index practice_jobs_variance_idx on public.practice_jobs (org_id, variance desc, job_number) where budgeted;
-- One client's jobs: its budgets, and its WIP as of an earlier day.
create index practice_jobs_client_idx on public.practice_jobs (org_id, client_external_id);
-- Jobs that end before they start: the one term of the active count the calendar cannot give.
create index practice_jobs_inverted_idx on public.practice_jobs (org_id, start_date) where budgeted and end_date < start_date;

create table public.practice_client_wip (
  org_id uuid not null references public.organizations (id) on delete cascade,
  client_external_id text not null,
  jobs integer not null,
  time_c bigint not null,
  costs_c bigint not null,
  wip_c bigint not null,
  -- The client's first job in the WIP table (its largest, then the lowest number): clients level on
  -- WIP are listed in the order of these, as a stable sort of the table would.
  top_c bigint not null,
  first_job text not null,
  primary key (org_id, client_external_id)
);
create index practice_client_wip_rank_idx on public.practice_client_wip (org_id, wip_c desc, top_c desc, first_job);

create table public.practice_wip_totals (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  jobs integer not null default 0,
  time_c bigint not null default 0,
  costs_c bigint not null default 0,
  wip_c bigint not null default 0
);

create table public.practice_budget_calendar (
  org_id uuid not null references public.organizations (id) on delete cascade,
  day date not null,
  -- Budgeted jobs (with a start date) starting on `day`, and of them over budget.
  starts integer not null default 0,
  starts_over integer not null default 0,
  -- Budgeted jobs (with a start date) whose end date is `day`, and of them over budget.
  ends integer not null default 0,
  ends_over integer not null default 0,
  primary key (org_id, day)
);
create index practice_budget_calendar_empty_idx on public.practice_budget_calendar (org_id) where starts = 0 and ends = 0;

-- Each day row carries its job's client, so one client's hours are one scan of one index rather than
-- a descent per job (753 for the largest client at a million invoices). practice_rollup_statements
-- sets it when a row is made (20261202000200), maintain_practice_jobs_from_jobs when a job arrives,
-- moves or goes away; the rebuild makes rows through the former.
alter table public.practice_daily add column client_external_id text;
update public.practice_daily d set client_external_id = j.client_external_id
from public.xpm_jobs j where j.org_id = d.org_id and j.external_id = d.job_external_id;
create index practice_daily_client_idx on public.practice_daily (org_id, client_external_id, day)
  include (staff_external_id, entries, billable_minutes, non_billable_minutes) where client_external_id is not null;

-- Hours by staff member over a range read every member's month (and, 20261202000200, year) rows: from
-- the index alone, in period order, rather than one heap page per row.
create index practice_staff_hours_period_idx on public.practice_staff_hours (org_id, grain, period, staff_external_id)
  include (entries, billable_minutes, non_billable_minutes) where grain <> 'day';

-- Read as the rows they come from; nobody writes them through the API.
alter table public.practice_jobs enable row level security;
alter table public.practice_client_wip enable row level security;
alter table public.practice_wip_totals enable row level security;
alter table public.practice_budget_calendar enable row level security;
create policy practice_jobs_select on public.practice_jobs for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.view'))));
create policy practice_client_wip_select on public.practice_client_wip for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.view'))));
create policy practice_wip_totals_select on public.practice_wip_totals for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.view'))));
create policy practice_budget_calendar_select on public.practice_budget_calendar for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.view'))));
grant select on public.practice_jobs, public.practice_client_wip, public.practice_wip_totals, public.practice_budget_calendar
  to authenticated, service_role;

-- xpm_jobs → practice_jobs: a job's facts. An update that changes none of them does nothing (a resync
-- stores every job again); a job that went away (deleted, or its key changed) loses its row. The
-- job's day rows in practice_daily follow its client.
create function app_private.maintain_practice_jobs_from_jobs() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  src text := app_private.net_signed_rows(tg_op,
    'org_id, external_id, job_number, name, client_external_id, budget, start_date, due_date, completed_date');
begin
  execute format($q$delete from public.practice_jobs p
    using (select s.org_id, s.external_id from (%1$s) s where s.sign < 0
           except select s.org_id, s.external_id from (%1$s) s where s.sign > 0) g
    where p.org_id = g.org_id and p.job_external_id = g.external_id$q$, src);
  execute format($q$insert into public.practice_jobs as p
      (org_id, job_external_id, job_number, name, client_external_id, budget, start_date, end_date, billable_value, wip_time, wip_costs)
    select s.org_id, s.external_id, s.job_number, s.name, s.client_external_id, s.budget, s.start_date, coalesce(s.completed_date, s.due_date),
           coalesce(t.billable_value, 0), coalesce(t.wip_time, 0), coalesce(t.wip_costs, 0)
    from (%s) s join public.organizations o on o.id = s.org_id
    left join public.practice_job_totals t on t.org_id = s.org_id and t.job_external_id = s.external_id
    where s.sign > 0
    order by 1, 2
    on conflict (org_id, job_external_id) do update
      set job_number = excluded.job_number, name = excluded.name, client_external_id = excluded.client_external_id, budget = excluded.budget,
          start_date = excluded.start_date, end_date = excluded.end_date$q$, src);
  -- The job's days carry its client: set for a job that arrived or moved, cleared for one that went away.
  execute format($q$update public.practice_daily d set client_external_id = g.client_external_id
    from (select s.org_id, s.external_id, s.client_external_id from (%1$s) s where s.sign > 0
          union all
          select o.org_id, o.external_id, null from (%1$s) o where o.sign < 0
            and not exists (select 1 from (%1$s) n where n.sign > 0 and n.org_id = o.org_id and n.external_id = o.external_id)) g
    where d.org_id = g.org_id and d.job_external_id = g.external_id and d.client_external_id is distinct from g.client_external_id$q$, src);
  return null;
end $$;

-- practice_job_totals → practice_jobs: the touched jobs take their totals' current values.
create function app_private.maintain_practice_jobs_from_totals() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  keys text := case tg_op
    when 'INSERT' then 'select n.org_id, n.job_external_id from new_rows n'
    when 'DELETE' then 'select o.org_id, o.job_external_id from old_rows o'
    else 'select n.org_id, n.job_external_id from new_rows n' end;
begin
  execute format($q$update public.practice_jobs p
    set billable_value = coalesce(t.billable_value, 0), wip_time = coalesce(t.wip_time, 0), wip_costs = coalesce(t.wip_costs, 0)
    from (select distinct k.org_id, k.job_external_id from (%s) k) k
    left join public.practice_job_totals t on t.org_id = k.org_id and t.job_external_id = k.job_external_id
    where p.org_id = k.org_id and p.job_external_id = k.job_external_id
      and (p.billable_value, p.wip_time, p.wip_costs)
          is distinct from (coalesce(t.billable_value, 0), coalesce(t.wip_time, 0), coalesce(t.wip_costs, 0))$q$, keys);
  return null;
end $$;

-- practice_jobs → practice_client_wip: the clients whose jobs' WIP changed are recounted from their
-- jobs (a maximum and its job cannot be kept by deltas).
create function app_private.maintain_practice_client_wip() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  src text := app_private.net_signed_rows(tg_op, 'org_id, client_external_id, job_number, wip_c, time_c, costs_c');
  touched text := format('select distinct s.org_id, s.client_external_id from (%s) s where s.wip_c <> 0', src);
begin
  execute format($q$delete from public.practice_client_wip c using (%s) g
    where c.org_id = g.org_id and c.client_external_id = g.client_external_id$q$, touched);
  execute format($q$insert into public.practice_client_wip (org_id, client_external_id, jobs, time_c, costs_c, wip_c, top_c, first_job)
    select p.org_id, p.client_external_id, count(*), sum(p.time_c), sum(p.costs_c), sum(p.wip_c), max(p.wip_c),
           (array_agg(p.job_number order by p.wip_c desc, p.job_number))[1]
    from (%s) g join public.organizations o on o.id = g.org_id
    join public.practice_jobs p on p.org_id = g.org_id and p.client_external_id = g.client_external_id and p.wip_c <> 0
    group by 1, 2
    order by 1, 2$q$, touched);
  return null;
end $$;

-- practice_client_wip → practice_wip_totals: signed deltas (exact: integers).
create function app_private.maintain_practice_wip_totals() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  execute format($q$insert into public.practice_wip_totals as t (org_id, jobs, time_c, costs_c, wip_c)
    select s.org_id, sum(s.sign * s.jobs), sum(s.sign * s.time_c), sum(s.sign * s.costs_c), sum(s.sign * s.wip_c)
    from (%s) s join public.organizations o on o.id = s.org_id
    group by 1
    order by 1
    on conflict (org_id) do update
      set jobs = t.jobs + excluded.jobs, time_c = t.time_c + excluded.time_c, costs_c = t.costs_c + excluded.costs_c,
          wip_c = t.wip_c + excluded.wip_c$q$, app_private.signed_rows(tg_op, null));
  return null;
end $$;

-- practice_jobs → practice_budget_calendar: signed deltas at the start and end days of the budgeted
-- jobs whose dates, budget or over-budget state changed.
create function app_private.maintain_practice_budget_calendar() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  src text := app_private.net_signed_rows(tg_op, 'org_id, start_date, end_date, budgeted, over_budget');
begin
  execute format($q$insert into public.practice_budget_calendar as c (org_id, day, starts, starts_over, ends, ends_over)
    select d.org_id, d.day, sum(d.starts), sum(d.starts_over), sum(d.ends), sum(d.ends_over)
    from (
      select s.org_id, s.start_date as day, s.sign as starts, s.sign * s.over_budget::int as starts_over, 0 as ends, 0 as ends_over
      from (%1$s) s where s.budgeted and s.start_date is not null
      union all
      select s.org_id, s.end_date, 0, 0, s.sign, s.sign * s.over_budget::int
      from (%1$s) s where s.budgeted and s.start_date is not null and s.end_date is not null
    ) d join public.organizations o on o.id = d.org_id
    group by 1, 2
    having sum(d.starts) <> 0 or sum(d.starts_over) <> 0 or sum(d.ends) <> 0 or sum(d.ends_over) <> 0
    order by 1, 2
    on conflict (org_id, day) do update
      set starts = c.starts + excluded.starts, starts_over = c.starts_over + excluded.starts_over,
          ends = c.ends + excluded.ends, ends_over = c.ends_over + excluded.ends_over$q$, src);
  delete from public.practice_budget_calendar where starts = 0 and ends = 0;
  return null;
end $$;

revoke execute on function app_private.maintain_practice_jobs_from_jobs() from public, anon, authenticated;
revoke execute on function app_private.maintain_practice_jobs_from_totals() from public, anon, authenticated;
revoke execute on function app_private.maintain_practice_client_wip() from public, anon, authenticated;
revoke execute on function app_private.maintain_practice_wip_totals() from public, anon, authenticated;
revoke execute on function app_private.maintain_practice_budget_calendar() from public, anon, authenticated;

-- A trigger with transition tables serves one event, hence three per table and function. An upsert
-- fires the insert trigger for its new rows and the update trigger for the rows it changed.
create trigger xpm_jobs_practice_jobs_insert after insert on public.xpm_jobs
  referencing new table as new_rows for each statement execute function app_private.maintain_practice_jobs_from_jobs();
create trigger xpm_jobs_practice_jobs_update after update on public.xpm_jobs
  referencing old table as old_rows new table as new_rows for each statement execute function app_private.maintain_practice_jobs_from_jobs();
create trigger xpm_jobs_practice_jobs_delete after delete on public.xpm_jobs
  referencing old table as old_rows for each statement execute function app_private.maintain_practice_jobs_from_jobs();

create trigger practice_job_totals_jobs_insert after insert on public.practice_job_totals
  referencing new table as new_rows for each statement execute function app_private.maintain_practice_jobs_from_totals();
create trigger practice_job_totals_jobs_update after update on public.practice_job_totals
  referencing old table as old_rows new table as new_rows for each statement execute function app_private.maintain_practice_jobs_from_totals();
create trigger practice_job_totals_jobs_delete after delete on public.practice_job_totals
  referencing old table as old_rows for each statement execute function app_private.maintain_practice_jobs_from_totals();

create trigger practice_jobs_client_wip_insert after insert on public.practice_jobs
  referencing new table as new_rows for each statement execute function app_private.maintain_practice_client_wip();
create trigger practice_jobs_client_wip_update after update on public.practice_jobs
  referencing old table as old_rows new table as new_rows for each statement execute function app_private.maintain_practice_client_wip();
create trigger practice_jobs_client_wip_delete after delete on public.practice_jobs
  referencing old table as old_rows for each statement execute function app_private.maintain_practice_client_wip();

create trigger practice_jobs_calendar_insert after insert on public.practice_jobs
  referencing new table as new_rows for each statement execute function app_private.maintain_practice_budget_calendar();
create trigger practice_jobs_calendar_update after update on public.practice_jobs
  referencing old table as old_rows new table as new_rows for each statement execute function app_private.maintain_practice_budget_calendar();
create trigger practice_jobs_calendar_delete after delete on public.practice_jobs
  referencing old table as old_rows for each statement execute function app_private.maintain_practice_budget_calendar();

create trigger practice_client_wip_totals_insert after insert on public.practice_client_wip
  referencing new table as new_rows for each statement execute function app_private.maintain_practice_wip_totals();
create trigger practice_client_wip_totals_update after update on public.practice_client_wip
  referencing old table as old_rows new table as new_rows for each statement execute function app_private.maintain_practice_wip_totals();
create trigger practice_client_wip_totals_delete after delete on public.practice_client_wip
  referencing old table as old_rows for each statement execute function app_private.maintain_practice_wip_totals();

-- Recounts an organization's four tables from xpm_jobs and practice_job_totals, whatever they held:
-- the derived tables are emptied first, then every job is inserted again (its triggers count it once).
create function app_private.recount_practice_jobs(p_org_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  delete from public.practice_jobs where org_id = p_org_id;
  delete from public.practice_budget_calendar where org_id = p_org_id;
  delete from public.practice_client_wip where org_id = p_org_id;
  delete from public.practice_wip_totals where org_id = p_org_id;
  insert into public.practice_jobs (org_id, job_external_id, job_number, name, client_external_id, budget, start_date, end_date, billable_value, wip_time, wip_costs)
  select j.org_id, j.external_id, j.job_number, j.name, j.client_external_id, j.budget, j.start_date, coalesce(j.completed_date, j.due_date),
         coalesce(t.billable_value, 0), coalesce(t.wip_time, 0), coalesce(t.wip_costs, 0)
  from public.xpm_jobs j
  left join public.practice_job_totals t on t.org_id = j.org_id and t.job_external_id = j.external_id
  where j.org_id = p_org_id
  order by 1, 2;
end $$;
revoke execute on function app_private.recount_practice_jobs(uuid) from public, anon, authenticated;

-- rebuild_rollups (20261130020100_rollups.sql) as it was, and for the practice scope the four tables
-- above recounted after the per-job totals they derive from.
create or replace function app_private.rebuild_rollups(p_org_id uuid, p_scope text default 'all') returns integer
language plpgsql security definer set search_path = '' as $$
declare
  s text;
  statements text[] := '{}';
  invoices text := format('select 1 as sign, i.* from public.xero_invoices i where i.org_id = %L', p_org_id);
  payments text := format('select 1 as sign, p.* from public.xero_payments p where p.org_id = %L', p_org_id);
  entries text := format('select 1 as sign, t.* from public.xpm_time_entries t where t.org_id = %L', p_org_id);
  costs text := format('select 1 as sign, c.* from public.xpm_costs c where c.org_id = %L', p_org_id);
begin
  if p_scope not in ('all', 'finance', 'practice') then
    raise exception 'rebuild_rollups: unknown scope %', p_scope using errcode = '22023';
  end if;
  if p_scope in ('all', 'finance') then
    delete from public.receivables_by_contact_due where org_id = p_org_id;
    delete from public.receivables_by_contact where org_id = p_org_id;
    delete from public.receivables_by_due where org_id = p_org_id;
    delete from public.finance_daily_totals where org_id = p_org_id;
    delete from public.finance_daily_by_contact where org_id = p_org_id;
    statements := app_private.invoice_rollup_statements(invoices, null) || app_private.payment_rollup_statements(payments);
  end if;
  if p_scope in ('all', 'practice') then
    delete from public.practice_daily where org_id = p_org_id;
    delete from public.practice_staff_hours where org_id = p_org_id;
    delete from public.practice_job_totals where org_id = p_org_id;
    statements := statements
      || app_private.practice_rollup_statements(app_private.time_entry_facts(entries))
      || app_private.practice_rollup_statements(app_private.cost_facts(costs));
  end if;
  foreach s in array statements loop
    execute s;
  end loop;
  if p_scope in ('all', 'practice') then
    perform app_private.recount_practice_jobs(p_org_id);
  end if;
  return (select count(*)::int from public.finance_daily_totals where org_id = p_org_id);
end $$;
revoke execute on function app_private.rebuild_rollups(uuid, text) from public, anon, authenticated;
grant execute on function app_private.rebuild_rollups(uuid, text) to service_role;

-- Organizations that already hold jobs get their rows now.
select app_private.recount_practice_jobs(id) from public.organizations;
