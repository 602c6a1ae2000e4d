-- Rollups the dashboards and the assistant read instead of the synced rows, kept up to date by
-- statement-level triggers on those rows: every writer (the sync's upserts, webhooks, the demo data
-- insert, a test) changes them in the same transaction, so the next page load sees the change and no
-- request ever rescans a million invoices.
--
-- Each trigger turns the statement's transition tables into signed rows (+1 new, −1 old) and adds
-- their aggregate to each rollup with one upsert per rollup. Sums of numeric are exact, so adding and
-- subtracting the same terms gives exactly what a fresh aggregate of the raw rows gives (the property
-- test in tests/integration/rollups-property.test.ts proves it on both engines).
-- app_private.rebuild_rollups(org) recomputes an organization's rollups from its rows with the same
-- statements (the Refresh button, and a repair if a rollup were ever doubted).

-- Receivables: ACCREC invoices still owed (amount_due > 0, AUTHORISED or SUBMITTED) -------------------
-- By contact and due date: aging per contact (buckets are relative to today, so the due date is kept).
create table public.receivables_by_contact_due (
  org_id uuid not null references public.organizations (id) on delete cascade,
  contact_external_id text not null,
  due_date date,
  amount_due numeric(16, 2) not null default 0,
  invoices integer not null default 0
);
create unique index receivables_by_contact_due_key on public.receivables_by_contact_due
  (org_id, contact_external_id, due_date) nulls not distinct;
create index receivables_by_contact_due_empty_idx on public.receivables_by_contact_due (org_id) where invoices = 0;

-- By contact: top debtors and the aging table in order of balance, one index scan for a page.
create table public.receivables_by_contact (
  org_id uuid not null references public.organizations (id) on delete cascade,
  contact_external_id text not null,
  amount_due numeric(16, 2) not null default 0,
  invoices integer not null default 0,
  primary key (org_id, contact_external_id)
);
create index receivables_by_contact_balance_idx on public.receivables_by_contact (org_id, amount_due desc, contact_external_id)
  where invoices > 0;
create index receivables_by_contact_empty_idx on public.receivables_by_contact (org_id) where invoices = 0;

-- By due date: the aging totals over every contact (a few hundred rows).
create table public.receivables_by_due (
  org_id uuid not null references public.organizations (id) on delete cascade,
  due_date date,
  amount_due numeric(16, 2) not null default 0,
  invoices integer not null default 0
);
create unique index receivables_by_due_key on public.receivables_by_due (org_id, due_date) nulls not distinct;
create index receivables_by_due_empty_idx on public.receivables_by_due (org_id) where invoices = 0;

-- Revenue, expenses and cash by day and contact (finance_daily_totals keeps them by day) -----------
-- Cash is attributed to the contact of the invoice a payment settles, as the contact filter does.
create table public.finance_daily_by_contact (
  org_id uuid not null references public.organizations (id) on delete cascade,
  contact_external_id text not null,
  day date not null,
  revenue numeric(16, 2) not null default 0,
  expenses numeric(16, 2) not null default 0,
  invoices_issued integer not null default 0,
  cash_received numeric(16, 2) not null default 0,
  cash_paid numeric(16, 2) not null default 0,
  primary key (org_id, contact_external_id, day)
);
create index finance_daily_by_contact_day_idx on public.finance_daily_by_contact (org_id, day);
-- Finding a payment's invoice and an invoice's payments, both ways, when either changes.
create index xero_payments_org_invoice_idx on public.xero_payments (org_id, invoice_external_id);

-- WIP and hours by day, job and staff (staff '' holds a job's costs, which have no staff) ----------
-- Values are the same per-row terms the raw queries sum: minutes × rate ÷ 60.0, quantity × price.
create table public.practice_daily (
  org_id uuid not null references public.organizations (id) on delete cascade,
  day date not null,
  job_external_id text not null,
  staff_external_id text not null,
  entries integer not null default 0,
  billable_minutes bigint not null default 0,
  non_billable_minutes bigint not null default 0,
  -- All billable time and costs at charge-out value (a job's actual against its budget).
  billable_value numeric not null default 0,
  -- Billable time and costs not yet invoiced: work in progress.
  wip_time numeric not null default 0,
  wip_costs numeric not null default 0,
  primary key (org_id, day, job_external_id, staff_external_id)
);
create index practice_daily_job_idx on public.practice_daily (org_id, job_external_id, day);
create index practice_daily_staff_idx on public.practice_daily (org_id, staff_external_id, day);

-- Hours by staff per day and per month: a range reads its whole months from the month rows and
-- corrects the edges with day rows, so a year is about (staff × 12) rows.
create table public.practice_staff_hours (
  org_id uuid not null references public.organizations (id) on delete cascade,
  grain text not null check (grain in ('day', 'month')),
  period date not null,
  staff_external_id text not null,
  entries integer not null default 0,
  billable_minutes bigint not null default 0,
  non_billable_minutes bigint not null default 0,
  primary key (org_id, grain, period, staff_external_id)
);

-- Per job over all time: the budget actual and the work in progress (WIP at an earlier day subtracts
-- the practice_daily rows after it).
create table public.practice_job_totals (
  org_id uuid not null references public.organizations (id) on delete cascade,
  job_external_id text not null,
  billable_value numeric not null default 0,
  wip_time numeric not null default 0,
  wip_costs numeric not null default 0,
  primary key (org_id, job_external_id)
);
create index practice_job_totals_wip_idx on public.practice_job_totals (org_id, job_external_id)
  where wip_time <> 0 or wip_costs <> 0;

-- Row-level security: read as the rows they come from; nobody writes them through the API ------------
alter table public.receivables_by_contact_due enable row level security;
alter table public.receivables_by_contact enable row level security;
alter table public.receivables_by_due enable row level security;
alter table public.finance_daily_by_contact enable row level security;
alter table public.practice_daily enable row level security;
alter table public.practice_staff_hours enable row level security;
alter table public.practice_job_totals enable row level security;

create policy receivables_by_contact_due_select on public.receivables_by_contact_due for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('finance.read'))));
create policy receivables_by_contact_select on public.receivables_by_contact for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('finance.read'))));
create policy receivables_by_due_select on public.receivables_by_due for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('finance.read'))));
create policy finance_daily_by_contact_select on public.finance_daily_by_contact for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('finance.read'))));
create policy practice_daily_select on public.practice_daily for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.view'))));
create policy practice_staff_hours_select on public.practice_staff_hours for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.view'))));
create policy practice_job_totals_select on public.practice_job_totals for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.view'))));

grant select on public.receivables_by_contact_due, public.receivables_by_contact, public.receivables_by_due,
  public.finance_daily_by_contact, public.practice_daily, public.practice_staff_hours, public.practice_job_totals
  to authenticated, service_role;

-- The maintenance statements ------------------------------------------------------------------------
-- Each takes `src`, a query of signed rows (`sign` and the source table's columns). Rows of an
-- organization being deleted (a cascade) are skipped: its rollups go with it.

-- Invoices. `cash_src` (signed invoices whose contact or key changed, or null) moves the cash of their
-- payments between contacts; a rebuild passes null, as the payments' own statement counts that cash.
create function app_private.invoice_rollup_statements(src text, cash_src text)
returns text[] language plpgsql immutable set search_path = '' as $$
declare
  open_src text := format($q$select d.* from (%s) d join public.organizations o on o.id = d.org_id
    where d.type = 'ACCREC' and d.amount_due > 0 and d.status in ('AUTHORISED', 'SUBMITTED')$q$, src);
  statements text[];
begin
  statements := array[
    format($q$insert into public.receivables_by_contact_due as r (org_id, contact_external_id, due_date, amount_due, invoices)
      select org_id, contact_external_id, due_date, sum(sign * amount_due), sum(sign) from (%s) d
      group by 1, 2, 3 having sum(sign) <> 0 or sum(sign * amount_due) <> 0 order by 1, 2, 3
      on conflict (org_id, contact_external_id, due_date) do update
        set amount_due = r.amount_due + excluded.amount_due, invoices = r.invoices + excluded.invoices$q$, open_src),
    format($q$insert into public.receivables_by_contact as r (org_id, contact_external_id, amount_due, invoices)
      select org_id, contact_external_id, sum(sign * amount_due), sum(sign) from (%s) d
      group by 1, 2 having sum(sign) <> 0 or sum(sign * amount_due) <> 0 order by 1, 2
      on conflict (org_id, contact_external_id) do update
        set amount_due = r.amount_due + excluded.amount_due, invoices = r.invoices + excluded.invoices$q$, open_src),
    format($q$insert into public.receivables_by_due as r (org_id, due_date, amount_due, invoices)
      select org_id, due_date, sum(sign * amount_due), sum(sign) from (%s) d
      group by 1, 2 having sum(sign) <> 0 or sum(sign * amount_due) <> 0 order by 1, 2
      on conflict (org_id, due_date) do update
        set amount_due = r.amount_due + excluded.amount_due, invoices = r.invoices + excluded.invoices$q$, open_src),
    'delete from public.receivables_by_contact_due where invoices = 0',
    'delete from public.receivables_by_contact where invoices = 0',
    'delete from public.receivables_by_due where invoices = 0',
    -- Revenue and expenses: ex-tax subtotals of approved invoices (AUTHORISED or PAID).
    format($q$insert into public.finance_daily_totals as t (org_id, day, revenue, expenses, invoices_issued)
      select d.org_id, d.date, sum(d.sign * case when d.type = 'ACCREC' then d.sub_total else 0 end),
             sum(d.sign * case when d.type = 'ACCPAY' then d.sub_total else 0 end),
             sum(d.sign * case when d.type = 'ACCREC' then 1 else 0 end)
      from (%s) d join public.organizations o on o.id = d.org_id
      where d.status in ('AUTHORISED', 'PAID')
      group by 1, 2 order by 1, 2
      on conflict (org_id, day) do update
        set revenue = t.revenue + excluded.revenue, expenses = t.expenses + excluded.expenses,
            invoices_issued = t.invoices_issued + excluded.invoices_issued, refreshed_at = now()$q$, src),
    format($q$insert into public.finance_daily_by_contact as t (org_id, contact_external_id, day, revenue, expenses, invoices_issued)
      select d.org_id, d.contact_external_id, d.date, sum(d.sign * case when d.type = 'ACCREC' then d.sub_total else 0 end),
             sum(d.sign * case when d.type = 'ACCPAY' then d.sub_total else 0 end),
             sum(d.sign * case when d.type = 'ACCREC' then 1 else 0 end)
      from (%s) d join public.organizations o on o.id = d.org_id
      where d.status in ('AUTHORISED', 'PAID')
      group by 1, 2, 3 order by 1, 2, 3
      on conflict (org_id, contact_external_id, day) do update
        set revenue = t.revenue + excluded.revenue, expenses = t.expenses + excluded.expenses,
            invoices_issued = t.invoices_issued + excluded.invoices_issued$q$, src)
  ];
  if cash_src is not null then
    statements := statements || format($q$insert into public.finance_daily_by_contact as t (org_id, contact_external_id, day, cash_received, cash_paid)
      select d.org_id, d.contact_external_id, p.date,
             sum(d.sign * case when p.payment_type = 'ACCRECPAYMENT' then p.amount else 0 end),
             sum(d.sign * case when p.payment_type = 'ACCPAYPAYMENT' then p.amount else 0 end)
      from (%s) d join public.organizations o on o.id = d.org_id
      join public.xero_payments p on p.org_id = d.org_id and p.invoice_external_id = d.external_id and p.status = 'AUTHORISED'
      group by 1, 2, 3 order by 1, 2, 3
      on conflict (org_id, contact_external_id, day) do update
        set cash_received = t.cash_received + excluded.cash_received, cash_paid = t.cash_paid + excluded.cash_paid$q$, cash_src);
  end if;
  return statements;
end $$;

-- Payments: cash by day, and by the contact of the invoice each settles (none while that invoice is
-- not there: the invoice's own statement adds it when it arrives).
create function app_private.payment_rollup_statements(src text)
returns text[] language sql immutable set search_path = '' as $$
  select array[
    format($q$insert into public.finance_daily_totals as t (org_id, day, cash_received, cash_paid)
      select d.org_id, d.date, sum(d.sign * case when d.payment_type = 'ACCRECPAYMENT' then d.amount else 0 end),
             sum(d.sign * case when d.payment_type = 'ACCPAYPAYMENT' then d.amount else 0 end)
      from (%s) d join public.organizations o on o.id = d.org_id
      where d.status = 'AUTHORISED'
      group by 1, 2 order by 1, 2
      on conflict (org_id, day) do update
        set cash_received = t.cash_received + excluded.cash_received, cash_paid = t.cash_paid + excluded.cash_paid, refreshed_at = now()$q$, src),
    format($q$insert into public.finance_daily_by_contact as t (org_id, contact_external_id, day, cash_received, cash_paid)
      select d.org_id, i.contact_external_id, d.date, sum(d.sign * case when d.payment_type = 'ACCRECPAYMENT' then d.amount else 0 end),
             sum(d.sign * case when d.payment_type = 'ACCPAYPAYMENT' then d.amount else 0 end)
      from (%s) d join public.organizations o on o.id = d.org_id
      join public.xero_invoices i on i.org_id = d.org_id and i.external_id = d.invoice_external_id
      where d.status = 'AUTHORISED'
      group by 1, 2, 3 order by 1, 2, 3
      on conflict (org_id, contact_external_id, day) do update
        set cash_received = t.cash_received + excluded.cash_received, cash_paid = t.cash_paid + excluded.cash_paid$q$, src)
  ]
$$;

-- Time entries and costs, both as `facts` (day, job, staff, minutes, value terms).
create function app_private.practice_rollup_statements(facts text)
returns text[] language sql immutable set search_path = '' as $$
  select array[
    format($q$insert into public.practice_daily as t (org_id, day, job_external_id, staff_external_id, entries,
        billable_minutes, non_billable_minutes, billable_value, wip_time, wip_costs)
      select org_id, day, job_external_id, staff_external_id, sum(sign * entries), sum(sign * billable_minutes),
             sum(sign * non_billable_minutes), sum(sign * billable_value), sum(sign * wip_time), sum(sign * wip_costs)
      from (%s) f group by 1, 2, 3, 4 order by 1, 2, 3, 4
      on conflict (org_id, day, job_external_id, staff_external_id) do update
        set entries = t.entries + excluded.entries, billable_minutes = t.billable_minutes + excluded.billable_minutes,
            non_billable_minutes = t.non_billable_minutes + excluded.non_billable_minutes,
            billable_value = t.billable_value + excluded.billable_value, wip_time = t.wip_time + excluded.wip_time,
            wip_costs = t.wip_costs + excluded.wip_costs$q$, facts),
    format($q$insert into public.practice_staff_hours as t (org_id, grain, period, staff_external_id, entries, billable_minutes, non_billable_minutes)
      select f.org_id, g.grain, g.period, f.staff_external_id, sum(f.sign * f.entries), sum(f.sign * f.billable_minutes), sum(f.sign * f.non_billable_minutes)
      from (%s) f cross join lateral (values ('day', f.day), ('month', date_trunc('month', f.day)::date)) g(grain, period)
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

create function app_private.time_entry_facts(src text)
returns text language sql immutable set search_path = '' as $$
  select format($q$select d.sign, d.org_id, d.entry_date as day, d.job_external_id, d.staff_external_id, 1 as entries,
      case when d.billable then d.minutes else 0 end as billable_minutes,
      case when d.billable then 0 else d.minutes end as non_billable_minutes,
      case when d.billable then d.minutes * d.billable_rate / 60.0 else 0 end as billable_value,
      case when d.billable and d.invoice_task_external_id is null then d.minutes * d.billable_rate / 60.0 else 0 end as wip_time,
      0::numeric as wip_costs
    from (%s) d join public.organizations o on o.id = d.org_id$q$, src)
$$;

create function app_private.cost_facts(src text)
returns text language sql immutable set search_path = '' as $$
  select format($q$select d.sign, d.org_id, d.cost_date as day, d.job_external_id, '' as staff_external_id, 0 as entries,
      0 as billable_minutes, 0 as non_billable_minutes,
      case when d.billable then d.quantity * d.unit_price else 0 end as billable_value,
      0::numeric as wip_time,
      case when d.billable and d.invoice_external_id is null then d.quantity * d.unit_price else 0 end as wip_costs
    from (%s) d join public.organizations o on o.id = d.org_id$q$, src)
$$;

-- The signed rows of a statement: its transition tables, by operation.
create function app_private.signed_rows(op text, key_changed text)
returns text language sql immutable set search_path = '' as $$
  select case op
    when 'INSERT' then 'select 1 as sign, n.* from new_rows n'
    when 'DELETE' then 'select -1 as sign, o.* from old_rows o'
    else case when key_changed is null
      then 'select -1 as sign, o.* from old_rows o union all select 1 as sign, n.* from new_rows n'
      else format('select -1 as sign, o.* from old_rows o join new_rows n on n.id = o.id where %1$s
                   union all select 1 as sign, n.* from new_rows n join old_rows o on o.id = n.id where %1$s', key_changed)
    end
  end
$$;

-- The triggers (security definer: the rollups take no writes from the writer's role) ---------------
create function app_private.maintain_invoice_rollups() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  s text;
begin
  foreach s in array app_private.invoice_rollup_statements(
    app_private.signed_rows(tg_op, null),
    app_private.signed_rows(tg_op, '(o.contact_external_id, o.external_id, o.org_id) is distinct from (n.contact_external_id, n.external_id, n.org_id)'))
  loop
    execute s;
  end loop;
  return null;
end $$;

create function app_private.maintain_payment_rollups() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  s text;
begin
  foreach s in array app_private.payment_rollup_statements(app_private.signed_rows(tg_op, null)) loop
    execute s;
  end loop;
  return null;
end $$;

create function app_private.maintain_time_entry_rollups() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  s text;
begin
  foreach s in array app_private.practice_rollup_statements(app_private.time_entry_facts(app_private.signed_rows(tg_op, null))) loop
    execute s;
  end loop;
  return null;
end $$;

create function app_private.maintain_cost_rollups() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  s text;
begin
  foreach s in array app_private.practice_rollup_statements(app_private.cost_facts(app_private.signed_rows(tg_op, null))) loop
    execute s;
  end loop;
  return null;
end $$;

-- A trigger with transition tables serves one event, hence three per table.
create trigger xero_invoices_rollups_insert after insert on public.xero_invoices
  referencing new table as new_rows for each statement execute function app_private.maintain_invoice_rollups();
create trigger xero_invoices_rollups_update after update on public.xero_invoices
  referencing old table as old_rows new table as new_rows for each statement execute function app_private.maintain_invoice_rollups();
create trigger xero_invoices_rollups_delete after delete on public.xero_invoices
  referencing old table as old_rows for each statement execute function app_private.maintain_invoice_rollups();

create trigger xero_payments_rollups_insert after insert on public.xero_payments
  referencing new table as new_rows for each statement execute function app_private.maintain_payment_rollups();
create trigger xero_payments_rollups_update after update on public.xero_payments
  referencing old table as old_rows new table as new_rows for each statement execute function app_private.maintain_payment_rollups();
create trigger xero_payments_rollups_delete after delete on public.xero_payments
  referencing old table as old_rows for each statement execute function app_private.maintain_payment_rollups();

create trigger xpm_time_entries_rollups_insert after insert on public.xpm_time_entries
  referencing new table as new_rows for each statement execute function app_private.maintain_time_entry_rollups();
create trigger xpm_time_entries_rollups_update after update on public.xpm_time_entries
  referencing old table as old_rows new table as new_rows for each statement execute function app_private.maintain_time_entry_rollups();
create trigger xpm_time_entries_rollups_delete after delete on public.xpm_time_entries
  referencing old table as old_rows for each statement execute function app_private.maintain_time_entry_rollups();

create trigger xpm_costs_rollups_insert after insert on public.xpm_costs
  referencing new table as new_rows for each statement execute function app_private.maintain_cost_rollups();
create trigger xpm_costs_rollups_update after update on public.xpm_costs
  referencing old table as old_rows new table as new_rows for each statement execute function app_private.maintain_cost_rollups();
create trigger xpm_costs_rollups_delete after delete on public.xpm_costs
  referencing old table as old_rows for each statement execute function app_private.maintain_cost_rollups();

-- Recomputes an organization's rollups from its rows with the same statements: the finance rollups
-- (receivables, revenue, expenses, cash), the practice ones (WIP, hours), or both.
create function app_private.rebuild_rollups(p_org_id uuid, p_scope text default 'all') returns integer
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
  return (select count(*)::int from public.finance_daily_totals where org_id = p_org_id);
end $$;
revoke execute on function app_private.rebuild_rollups(uuid, text) from public, anon, authenticated;
grant execute on function app_private.rebuild_rollups(uuid, text) to service_role;
-- The trigger functions run as their owner for every writer; nobody calls them directly.
revoke execute on function app_private.maintain_invoice_rollups() from public, anon, authenticated;
revoke execute on function app_private.maintain_payment_rollups() from public, anon, authenticated;
revoke execute on function app_private.maintain_time_entry_rollups() from public, anon, authenticated;
revoke execute on function app_private.maintain_cost_rollups() from public, anon, authenticated;

-- Organizations that already hold data get their rollups now.
select app_private.rebuild_rollups(id) from public.organizations;
