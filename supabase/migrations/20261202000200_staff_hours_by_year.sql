-- Hours by staff member per year, beside the day and month rows of practice_staff_hours. A range
-- reads each calendar year it touches as the year row less the months outside the range, or as its
-- months, whichever is fewer rows (src/server/dashboards/staff-hours-pieces.ts): the last twelve
-- months are two rows per member instead of twelve, a year to date one. At 1,500 staff members that
-- is 3,000 rows summed per Practice dashboard instead of 18,000.
--
-- practice_rollup_statements (20261130020100_rollups.sql) as it was, with the year row added to the
-- day and month rows each time entry counts in, and a new day row given its job's client (the
-- column of 20261202000100; null while the job is not there). The time-entry triggers and
-- rebuild_rollups call it.

alter table public.practice_staff_hours drop constraint practice_staff_hours_grain_check;
alter table public.practice_staff_hours add constraint practice_staff_hours_grain_check check (grain in ('day', 'month', 'year'));

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

-- Organizations that already hold hours get their year rows now.
insert into public.practice_staff_hours (org_id, grain, period, staff_external_id, entries, billable_minutes, non_billable_minutes)
select org_id, 'year', date_trunc('year', period)::date, staff_external_id, sum(entries), sum(billable_minutes), sum(non_billable_minutes)
from public.practice_staff_hours
where grain = 'month'
group by 1, 3, 4;
