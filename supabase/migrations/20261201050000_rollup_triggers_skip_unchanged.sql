-- The rollup triggers (20261130020100_rollups.sql) did work for rows that change no rollup, and
-- joined transition tables, which have no statistics and no index, row by row:
--
-- * An upsert (`insert … on conflict do update`, every sync page) fires BOTH the insert and the
--   update statement trigger, one of them with empty transition tables, which still ran its eight
--   or nine EXECUTEd statements (each planned afresh) for nothing.
-- * An update subtracted every old row and added every new one even when none of the columns the
--   rollups read had changed (a periodic full resync stores each row again unchanged; a webhook
--   touches one field), so each statement upserted zero deltas into every rollup row it met.
-- * The invoice trigger found the rows whose contact changed by joining old_rows to new_rows on id:
--   a nested loop over two unindexed tuplestores, a million comparisons for a 1,000-row page.
--
-- Now an update's signed rows are netted first: old (-1) and new (+1) rows grouped by exactly the
-- columns the rollup statements read, keeping the groups whose signs do not cancel. The statements
-- are linear in `sign` (sums of sign × value, sums of sign), so a group whose signs cancel adds
-- exactly nothing, and a group of n identical rows adds n times one row: the rollups stay equal to a
-- fresh aggregate of the raw rows (tests/integration/rollups-property.test.ts). One hash aggregate
-- over the two tables, no join. Each trigger then stops at once when nothing is left (an upsert's
-- empty half, or an update that changed no rollup column). Inserts and deletes are as before.
-- New: app_private.net_signed_rows; changed: the four trigger functions only.

-- The signed rows of a statement (as signed_rows), with an update's rows netted over `columns`
-- (every column the consuming statements read, each as a bare column name).
create function app_private.net_signed_rows(op text, columns text)
returns text language sql immutable set search_path = '' as $$
  select case op
    when 'UPDATE' then format('select sum(s.sign)::int as sign, %1$s from (select -1 as sign, o.* from old_rows o
        union all select 1 as sign, n.* from new_rows n) s group by %1$s having sum(s.sign) <> 0', columns)
    else app_private.signed_rows(op, null)
  end
$$;
revoke execute on function app_private.net_signed_rows(text, text) from public, anon, authenticated;

create or replace function app_private.maintain_invoice_rollups() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  s text;
  -- Every column invoice_rollup_statements reads; the cash statement reads the key columns only.
  src text := app_private.net_signed_rows(tg_op, 'org_id, external_id, contact_external_id, type, status, date, due_date, sub_total, amount_due');
  found_rows boolean;
begin
  execute format('select exists (%s)', src) into found_rows;
  if not found_rows then
    return null;
  end if;
  foreach s in array app_private.invoice_rollup_statements(src, app_private.net_signed_rows(tg_op, 'org_id, external_id, contact_external_id')) loop
    execute s;
  end loop;
  return null;
end $$;

create or replace function app_private.maintain_payment_rollups() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  s text;
  -- Every column payment_rollup_statements reads.
  src text := app_private.net_signed_rows(tg_op, 'org_id, invoice_external_id, payment_type, status, date, amount');
  found_rows boolean;
begin
  execute format('select exists (%s)', src) into found_rows;
  if not found_rows then
    return null;
  end if;
  foreach s in array app_private.payment_rollup_statements(src) loop
    execute s;
  end loop;
  return null;
end $$;

create or replace function app_private.maintain_time_entry_rollups() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  s text;
  -- Every column time_entry_facts reads.
  src text := app_private.net_signed_rows(tg_op,
    'org_id, entry_date, job_external_id, staff_external_id, billable, minutes, billable_rate, invoice_task_external_id');
  found_rows boolean;
begin
  execute format('select exists (%s)', src) into found_rows;
  if not found_rows then
    return null;
  end if;
  foreach s in array app_private.practice_rollup_statements(app_private.time_entry_facts(src)) loop
    execute s;
  end loop;
  return null;
end $$;

create or replace function app_private.maintain_cost_rollups() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  s text;
  -- Every column cost_facts reads.
  src text := app_private.net_signed_rows(tg_op, 'org_id, cost_date, job_external_id, billable, quantity, unit_price, invoice_external_id');
  found_rows boolean;
begin
  execute format('select exists (%s)', src) into found_rows;
  if not found_rows then
    return null;
  end if;
  foreach s in array app_private.practice_rollup_statements(app_private.cost_facts(src)) loop
    execute s;
  end loop;
  return null;
end $$;
