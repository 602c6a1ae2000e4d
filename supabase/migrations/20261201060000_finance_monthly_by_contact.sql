-- Revenue, expenses and cash by contact and month. A breakdown by contact over months ("top customers
-- by revenue this year") reads one row per contact and month here, and only the days of a partial
-- month from finance_daily_by_contact, instead of one row per contact and day over the whole period.
--
-- It is kept from finance_daily_by_contact itself, by statement-level triggers on that table: whatever
-- writes the daily rollup (the invoice and payment triggers of 20261130020100_rollups.sql, however they
-- are rewritten, and app_private.rebuild_rollups) keeps this one equal to it in the same transaction,
-- without any change to those functions. Inserts and updates add their signed difference (exact:
-- numeric sums); a delete (the rebuild, which deletes an organization's daily rows before recomputing
-- them) recounts the months it touched from the daily rows left, and an organization with no daily
-- rows left has none here, so the rebuild also repairs this table.

create table public.finance_monthly_by_contact (
  org_id uuid not null references public.organizations (id) on delete cascade,
  contact_external_id text not null,
  month date not null check (extract(day from month) = 1),
  revenue numeric(16, 2) not null default 0,
  expenses numeric(16, 2) not null default 0,
  invoices_issued integer not null default 0,
  cash_received numeric(16, 2) not null default 0,
  cash_paid numeric(16, 2) not null default 0,
  primary key (org_id, contact_external_id, month)
);
create index finance_monthly_by_contact_month_idx on public.finance_monthly_by_contact (org_id, month);

-- Read as the rows it comes from; nobody writes it through the API.
alter table public.finance_monthly_by_contact enable row level security;
create policy finance_monthly_by_contact_select on public.finance_monthly_by_contact for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('finance.read'))));
grant select on public.finance_monthly_by_contact to authenticated, service_role;

-- `src` selects signed daily rows (`sign` and finance_daily_by_contact's columns). Rows of an
-- organization being deleted (a cascade) are skipped: its monthly rows go with it.
create function app_private.finance_monthly_statement(src text)
returns text language sql immutable set search_path = '' as $$
  select format($q$insert into public.finance_monthly_by_contact as t
      (org_id, contact_external_id, month, revenue, expenses, invoices_issued, cash_received, cash_paid)
    select d.org_id, d.contact_external_id, date_trunc('month', d.day)::date, sum(d.sign * d.revenue), sum(d.sign * d.expenses),
           sum(d.sign * d.invoices_issued), sum(d.sign * d.cash_received), sum(d.sign * d.cash_paid)
    from (%s) d join public.organizations o on o.id = d.org_id
    group by 1, 2, 3
    having sum(d.sign * d.revenue) <> 0 or sum(d.sign * d.expenses) <> 0 or sum(d.sign * d.invoices_issued) <> 0
        or sum(d.sign * d.cash_received) <> 0 or sum(d.sign * d.cash_paid) <> 0
    order by 1, 2, 3
    on conflict (org_id, contact_external_id, month) do update
      set revenue = t.revenue + excluded.revenue, expenses = t.expenses + excluded.expenses,
          invoices_issued = t.invoices_issued + excluded.invoices_issued,
          cash_received = t.cash_received + excluded.cash_received, cash_paid = t.cash_paid + excluded.cash_paid$q$, src)
$$;

create function app_private.maintain_finance_monthly_by_contact() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    execute app_private.finance_monthly_statement('select 1 as sign, n.* from new_rows n');
  elsif tg_op = 'UPDATE' then
    execute app_private.finance_monthly_statement('select -1 as sign, o.* from old_rows o union all select 1 as sign, n.* from new_rows n');
  else
    -- The months the deleted rows were in, recounted from the daily rows still there.
    delete from public.finance_monthly_by_contact m
    using (select distinct d.org_id, d.contact_external_id, date_trunc('month', d.day)::date as month from old_rows d) g
    where m.org_id = g.org_id and m.contact_external_id = g.contact_external_id and m.month = g.month;
    insert into public.finance_monthly_by_contact (org_id, contact_external_id, month, revenue, expenses, invoices_issued, cash_received, cash_paid)
    select f.org_id, f.contact_external_id, g.month, sum(f.revenue), sum(f.expenses), sum(f.invoices_issued), sum(f.cash_received), sum(f.cash_paid)
    from (select distinct d.org_id, d.contact_external_id, date_trunc('month', d.day)::date as month from old_rows d) g
    join public.organizations o on o.id = g.org_id
    join public.finance_daily_by_contact f on f.org_id = g.org_id and f.contact_external_id = g.contact_external_id
      and f.day >= g.month and f.day < (g.month + interval '1 month')::date
    group by 1, 2, 3
    order by 1, 2, 3;
    -- An organization whose daily rows are all gone (the rebuild's first step) keeps no monthly rows,
    -- not even one no daily row ever backed.
    delete from public.finance_monthly_by_contact m
    where m.org_id in (select distinct d.org_id from old_rows d)
      and not exists (select 1 from public.finance_daily_by_contact f where f.org_id = m.org_id);
  end if;
  return null;
end $$;
revoke execute on function app_private.maintain_finance_monthly_by_contact() from public, anon, authenticated;

-- A trigger with transition tables serves one event, hence three. An upsert into the daily rollup
-- fires the insert trigger for its new rows and the update trigger for the rows it changed.
create trigger finance_daily_by_contact_monthly_insert after insert on public.finance_daily_by_contact
  referencing new table as new_rows for each statement execute function app_private.maintain_finance_monthly_by_contact();
create trigger finance_daily_by_contact_monthly_update after update on public.finance_daily_by_contact
  referencing old table as old_rows new table as new_rows for each statement execute function app_private.maintain_finance_monthly_by_contact();
create trigger finance_daily_by_contact_monthly_delete after delete on public.finance_daily_by_contact
  referencing old table as old_rows for each statement execute function app_private.maintain_finance_monthly_by_contact();

-- Organizations that already hold data get their monthly rows now.
insert into public.finance_monthly_by_contact (org_id, contact_external_id, month, revenue, expenses, invoices_issued, cash_received, cash_paid)
select org_id, contact_external_id, date_trunc('month', day)::date, sum(revenue), sum(expenses), sum(invoices_issued), sum(cash_received), sum(cash_paid)
from public.finance_daily_by_contact
group by 1, 2, 3;
