-- Bulk loading an organization's synced rows (the dashboard benchmark's million invoices): the
-- rollup triggers off during the load, then one set-based rebuild of that organization's rollups.
--
-- With the triggers on, every chunk of a load aggregates its rows into every rollup and upserts the
-- result, so a load of a million invoices in 20,000-row chunks runs each rollup statement hundreds
-- of times and upserts into the same rollup rows over and over: on PGlite with a 1 GB page cache,
-- 482 s against 356 s this way (the hour such a load used to take was the 128 MB page cache, see
-- PGliteOptions.sharedBuffers). app_private.rebuild_rollups computes the same rollups from the organization's rows with the same
-- statements, once (tests/integration/rollups-bulk-load.test.ts proves every rollup and every raw
-- table equal to a load with the triggers on, on both engines).
--
-- Safe by construction:
-- * Enabling and disabling a trigger is transactional DDL, and begin/end run in the load's own
--   transaction (bulkInsertFinanceData): if anything fails, the transaction rolls back and the
--   triggers were never off for anybody else.
-- * A transaction that began a bulk load and did not end it cannot commit: a deferred constraint
--   trigger refuses the commit, and the rollback puts the triggers back.
-- * ALTER TABLE … DISABLE TRIGGER takes a SHARE ROW EXCLUSIVE lock on the four tables until commit:
--   other writers of those tables (another organization's sync) wait, readers do not. A bulk load is
--   for seeding, not for the sync.
-- * The rebuild recomputes the one organization given; a bulk load writes that organization's rows only.

-- The organizations with a bulk load in progress in an open transaction (rows never outlive it).
create table app_private.rollup_bulk_loads (
  org_id uuid not null references public.organizations (id) on delete cascade,
  started_at timestamptz not null default now()
);
revoke all on app_private.rollup_bulk_loads from public, anon, authenticated, service_role;
-- Like every app_private table: no API role has a grant, and row-level security with no policy besides.
alter table app_private.rollup_bulk_loads enable row level security;

-- The triggers of 20261130020100_rollups.sql on the synced tables, on or off.
create function app_private.set_rollup_triggers(p_enabled boolean) returns void
language plpgsql security definer set search_path = '' as $$
declare
  t text;
  action text := case when p_enabled then 'enable' else 'disable' end;
begin
  foreach t in array array['xero_invoices', 'xero_payments', 'xpm_time_entries', 'xpm_costs'] loop
    execute format('alter table public.%I %s trigger %I, %s trigger %I, %s trigger %I', t,
      action, t || '_rollups_insert', action, t || '_rollups_update', action, t || '_rollups_delete');
  end loop;
end $$;
revoke execute on function app_private.set_rollup_triggers(boolean) from public, anon, authenticated, service_role;

create function app_private.begin_rollup_bulk_load(p_org_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  perform app_private.set_rollup_triggers(false);
  insert into app_private.rollup_bulk_loads (org_id) values (p_org_id);
end $$;

-- Triggers back on, then the organization's rollups recomputed from its rows.
create function app_private.end_rollup_bulk_load(p_org_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
begin
  perform app_private.set_rollup_triggers(true);
  delete from app_private.rollup_bulk_loads where org_id = p_org_id;
  perform app_private.rebuild_rollups(p_org_id, 'all');
end $$;

create function app_private.check_rollup_bulk_load_ended() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if exists (select 1 from app_private.rollup_bulk_loads where org_id = new.org_id) then
    raise exception 'a rollup bulk load of organization % was begun and not ended', new.org_id
      using errcode = '55000', hint = 'call app_private.end_rollup_bulk_load in the same transaction';
  end if;
  return null;
end $$;
create constraint trigger rollup_bulk_loads_ended after insert on app_private.rollup_bulk_loads
  deferrable initially deferred for each row execute function app_private.check_rollup_bulk_load_ended();

revoke execute on function app_private.begin_rollup_bulk_load(uuid) from public, anon, authenticated;
revoke execute on function app_private.end_rollup_bulk_load(uuid) from public, anon, authenticated;
revoke execute on function app_private.check_rollup_bulk_load_ended() from public, anon, authenticated;
grant execute on function app_private.begin_rollup_bulk_load(uuid) to service_role;
grant execute on function app_private.end_rollup_bulk_load(uuid) to service_role;
