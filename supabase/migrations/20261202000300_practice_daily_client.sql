-- One client's hours were its jobs' days, read job by job: the client with the most jobs (753 at a
-- million invoices) cost 753 index descents into practice_daily per Practice dashboard. Each day row
-- now carries its job's client, so a client's days in a range are one scan of one index.
--
-- * practice_rollup_statements (as 20261202000200 left it) sets the client when a day row is made,
--   from xpm_jobs; null while the job is not there.
-- * maintain_practice_jobs_from_jobs (as 20261202000100 left it) also sets the client on the job's
--   day rows when a job arrives or moves to another client, and clears it when the job goes away.
-- rebuild_rollups makes the day rows through practice_rollup_statements, so it sets them too.

alter table public.practice_daily add column client_external_id text;

update public.practice_daily d set client_external_id = j.client_external_id
from public.xpm_jobs j where j.org_id = d.org_id and j.external_id = d.job_external_id;

create index practice_daily_client_idx on public.practice_daily (org_id, client_external_id, day)
  include (staff_external_id, entries, billable_minutes, non_billable_minutes) where client_external_id is not null;

create or replace function app_private.practice_rollup_statements(facts text)
returns text[] language sql immutable set search_path = '' as $$
  select array[
    format($q$insert into public.practice_daily as t (org_id, day, job_external_id, staff_external_id, entries,
        billable_minutes, non_billable_minutes, billable_value, wip_time, wip_costs, client_external_id)
      select g.*, (select j.client_external_id from public.xpm_jobs j where j.org_id = g.org_id and j.external_id = g.job_external_id)
      from (
        select org_id, day, job_external_id, staff_external_id, sum(sign * entries), sum(sign * billable_minutes),
               sum(sign * non_billable_minutes), sum(sign * billable_value), sum(sign * wip_time), sum(sign * wip_costs)
        from (%s) f group by 1, 2, 3, 4
      ) g order by 1, 2, 3, 4
      on conflict (org_id, day, job_external_id, staff_external_id) do update
        set entries = t.entries + excluded.entries, billable_minutes = t.billable_minutes + excluded.billable_minutes,
            non_billable_minutes = t.non_billable_minutes + excluded.non_billable_minutes,
            billable_value = t.billable_value + excluded.billable_value, wip_time = t.wip_time + excluded.wip_time,
            wip_costs = t.wip_costs + excluded.wip_costs$q$, facts),
    format($q$insert into public.practice_staff_hours as t (org_id, grain, period, staff_external_id, entries, billable_minutes, non_billable_minutes)
      select f.org_id, g.grain, g.period, f.staff_external_id, sum(f.sign * f.entries), sum(f.sign * f.billable_minutes), sum(f.sign * f.non_billable_minutes)
      from (%s) f cross join lateral (values ('day', f.day), ('month', date_trunc('month', f.day)::date), ('year', date_trunc('year', f.day)::date)) g(grain, period)
      where f.staff_external_id <> ''
      group by 1, 2, 3, 4 order by 1, 2, 3, 4
      on conflict (org_id, grain, period, staff_external_id) do update
        set entries = t.entries + excluded.entries, billable_minutes = t.billable_minutes + excluded.billable_minutes,
            non_billable_minutes = t.non_billable_minutes + excluded.non_billable_minutes$q$, facts),
    format($q$insert into public.practice_job_totals as t (org_id, job_external_id, billable_value, wip_time, wip_costs)
      select org_id, job_external_id, sum(sign * billable_value), sum(sign * wip_time), sum(sign * wip_costs)
      from (%s) f group by 1, 2 order by 1, 2
      on conflict (org_id, job_external_id) do update
        set billable_value = t.billable_value + excluded.billable_value, wip_time = t.wip_time + excluded.wip_time,
            wip_costs = t.wip_costs + excluded.wip_costs$q$, facts)
  ]
$$;

create or replace function app_private.maintain_practice_jobs_from_jobs() returns trigger
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
