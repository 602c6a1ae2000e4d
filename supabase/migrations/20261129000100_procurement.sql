-- Procurement: purchase orders (a PO commits a budget with a supplier), quantity surveys (a QS values
-- work done against a PO and consumes its budget), and the Excel imports that bring both in.
--
-- Who writes what:
--   * purchase_orders / quantity_surveys: only the import jobs (service role). Members read them with
--     `procurement.read`; no API role may insert, update or delete them directly (least privilege:
--     the only write path today is an import, which records what it changed so it can be undone).
--   * imports: a member with `imports.run` inserts the row of their upload (RLS); every later state
--     change (re-validate, confirm, undo) goes through the guarded functions below, which check the
--     permission and the status transition in SQL and enqueue the job in the same transaction.
--   * import_rows (staged rows), import_changes (what an import overwrote), import_mappings (the
--     mapping an organization last used per template): written by the jobs and the guarded functions.
--
-- Spent and utilization: each PO stores `spent` (the sum of its QS amounts), kept exact by
-- statement-level triggers with transition tables on quantity_surveys: one set-based
-- `spent = spent + delta` per statement for the POs it touched, whoever writes (imports, undo, the
-- demo seed). A delta, not a recompute: when two transactions add QSs to one PO, the second UPDATE
-- re-reads the row the first committed (EvalPlanQual), so neither sum is lost, whereas a recomputed
-- sum would read the second transaction's stale snapshot. `utilization_percent` is a stored
-- generated column, so reading 100k POs sorted by utilization is a plain index scan.

insert into public.audit_actions (action, description) values
  ('import.confirmed', 'Confirmed an Excel import'),
  ('import.revert_requested', 'Asked to undo an Excel import');

-- Imports ---------------------------------------------------------------------------------------------
create table public.imports (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  type text not null check (type in ('purchase_orders', 'quantity_surveys')),
  status text not null default 'validating'
    check (status in ('validating', 'ready', 'processing', 'succeeded', 'failed', 'reverting', 'reverted')),
  file_name text not null check (char_length(file_name) between 1 and 255),
  file_size bigint not null check (file_size >= 0),
  file_sha256 text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
  -- Where the storage module keeps the upload: `<org_id>/<import_id>.xlsx` (bucket `imports` on
  -- Supabase, a folder under XEROPULSE_DATA_DIR locally). Emptied files are marked, never reused.
  storage_path text not null check (char_length(storage_path) between 1 and 300),
  file_deleted_at timestamptz,
  -- [{name, index}] of the workbook's worksheets, and the chosen one with its header row and headers.
  sheets jsonb not null default '[]'::jsonb check (jsonb_typeof(sheets) = 'array'),
  sheet text,
  header_row integer check (header_row > 0),
  -- [{index, header}]: the header row's non-empty cells (0-based column index).
  headers jsonb not null default '[]'::jsonb check (jsonb_typeof(headers) = 'array'),
  -- {field: column index | null} and how each was found {field: exact|synonym|fuzzy|remembered|manual}.
  mapping jsonb not null default '{}'::jsonb check (jsonb_typeof(mapping) = 'object'),
  mapping_sources jsonb not null default '{}'::jsonb check (jsonb_typeof(mapping_sources) = 'object'),
  -- Bumped by every re-validation; a validation job of an older revision writes nothing.
  revision integer not null default 1 check (revision > 0),
  -- {total, valid, invalid, created, updated, unchanged}: created/updated/unchanged are what the
  -- import will do while it is validating or ready, and what it did once processing starts.
  counts jsonb not null default '{"total": 0, "valid": 0, "invalid": 0, "created": 0, "updated": 0, "unchanged": 0}'::jsonb,
  -- {phase, done, total}: validation, processing or reverting, for the progress bar.
  progress jsonb not null default '{}'::jsonb,
  -- The last staged row number the process job committed (it resumes after it).
  checkpoint_row integer not null default 0 check (checkpoint_row >= 0),
  -- {field: invalid cell count}, and the reason of a failed validation or import, in words.
  error_summary jsonb not null default '{}'::jsonb,
  error text check (char_length(error) <= 2000),
  -- Undo/failure outcome: {restored, deleted, kept: [{table, key, reason}], keptTotal}.
  result jsonb,
  validate_job_id uuid references public.jobs (id) on delete set null,
  process_job_id uuid references public.jobs (id) on delete set null,
  revert_job_id uuid references public.jobs (id) on delete set null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  validated_at timestamptz,
  confirmed_by uuid references auth.users (id) on delete set null,
  confirmed_at timestamptz,
  finished_at timestamptz,
  revert_requested_by uuid references auth.users (id) on delete set null,
  revert_requested_at timestamptz,
  reverted_at timestamptz,
  updated_at timestamptz not null default now(),
  constraint imports_org_id_key unique (org_id, id)
);
create index imports_org_created_idx on public.imports (org_id, created_at desc);
-- Retention: files still kept, oldest first (system.prune).
create index imports_file_kept_idx on public.imports (created_at) where file_deleted_at is null;
create trigger imports_touch before update on public.imports
  for each row execute function app_private.touch_updated_at();

-- Staged rows: one per data row of the chosen sheet, as validation left it. `values` holds the
-- normalized values of valid cells (decimals and dates as text) and the original text of invalid
-- ones; `errors` is {field: message}. The process job applies the valid ones in row-number order.
create table public.import_rows (
  import_id uuid not null,
  row_number integer not null check (row_number > 0),
  org_id uuid not null,
  action text not null check (action in ('create', 'update', 'unchanged', 'invalid')),
  -- The row's natural key (PO or QS number) when it has a valid one.
  key text,
  "values" jsonb not null default '{}'::jsonb,
  errors jsonb,
  -- No foreign key: a 200,000-row validation would pay one check per row. Staged rows go with
  -- their import through the statement-level trigger imports_cleanup below.
  primary key (import_id, row_number)
);
-- The preview's "rows with errors" filter and the error report.
create index import_rows_invalid_idx on public.import_rows (import_id, row_number) where errors is not null;

-- Purchase orders --------------------------------------------------------------------------------
create table public.purchase_orders (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  po_number text not null check (char_length(po_number) between 1 and 100),
  supplier text not null check (char_length(supplier) between 1 and 255),
  description text check (char_length(description) <= 2000),
  order_value numeric(14, 2) not null check (order_value >= 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  order_date date,
  -- Linked to xpm_jobs by (org_id, job_number) when the practice has that job (read-time join, so a
  -- job synced later links without rewriting POs).
  job_number text check (char_length(job_number) between 1 and 100),
  status text not null default 'open' check (status in ('open', 'closed', 'cancelled')),
  source text not null default 'manual' check (source in ('import', 'manual')),
  -- The import that last wrote the row, and the one that created it (Undo deletes what it created).
  -- Provenance columns carry no foreign keys: written only by the import jobs with the id of the
  -- import they run, they would cost four checks per row of every import (a third of a large one on
  -- PGlite). imports_cleanup clears import ids when an import goes; a deleted user leaves a
  -- dangling id that simply matches no profile.
  import_id uuid,
  created_import_id uuid,
  -- Sum of the PO's quantity-survey amounts, maintained by the triggers below.
  spent numeric(18, 2) not null default 0,
  utilization_percent numeric generated always as
    (case when order_value = 0 then null else round(spent * 100 / order_value, 2) end) stored,
  -- Bumped whenever a user-facing field changes (not `spent`): Undo restores a row only while its
  -- version is still the one the import wrote, so later edits are kept.
  version integer not null default 1 check (version > 0),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_by uuid,
  updated_at timestamptz not null default now(),
  constraint purchase_orders_org_po_number_key unique (org_id, po_number),
  -- Target of the quantity surveys' composite foreign key (a QS's PO is in the QS's organization).
  constraint purchase_orders_org_id_key unique (org_id, id)
);
create index purchase_orders_org_utilization_idx on public.purchase_orders (org_id, utilization_percent desc nulls last);
create index purchase_orders_org_order_date_idx on public.purchase_orders (org_id, order_date desc nulls last);
create index purchase_orders_created_import_idx on public.purchase_orders (created_import_id) where created_import_id is not null;
create index purchase_orders_import_idx on public.purchase_orders (import_id) where import_id is not null;
-- The job-number link.
create index xpm_jobs_org_job_number_idx on public.xpm_jobs (org_id, job_number);

-- Quantity surveys -------------------------------------------------------------------------------
create table public.quantity_surveys (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  qs_number text not null check (char_length(qs_number) between 1 and 100),
  po_id uuid not null,
  valuation_date date not null,
  -- Negative for a credit.
  amount numeric(14, 2) not null,
  description text check (char_length(description) <= 2000),
  source text not null default 'manual' check (source in ('import', 'manual')),
  -- As on purchase_orders: provenance without per-row foreign-key checks.
  import_id uuid,
  created_import_id uuid,
  version integer not null default 1 check (version > 0),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_by uuid,
  updated_at timestamptz not null default now(),
  constraint quantity_surveys_org_qs_number_key unique (org_id, qs_number),
  -- No action on delete: a PO with quantity surveys cannot be deleted (Undo keeps it and says why);
  -- deleting the organization removes both in one statement.
  constraint quantity_surveys_po_fkey foreign key (org_id, po_id) references public.purchase_orders (org_id, id)
);
create index quantity_surveys_po_date_idx on public.quantity_surveys (po_id, valuation_date);
create index quantity_surveys_created_import_idx on public.quantity_surveys (created_import_id) where created_import_id is not null;
create index quantity_surveys_import_idx on public.quantity_surveys (import_id) where import_id is not null;

-- Revert bookkeeping: the previous values of each row an import updated, and the version the import
-- wrote. Undo (and a failed import) restores rows whose version is still `version_after`.
create table public.import_changes (
  id bigint generated always as identity primary key,
  import_id uuid not null,
  org_id uuid not null,
  table_name text not null check (table_name in ('purchase_orders', 'quantity_surveys')),
  row_id uuid not null,
  -- The PO or QS number, to list kept rows in words.
  row_key text not null,
  previous jsonb not null,
  version_after integer not null,
  -- Set by the revert: restored, kept (edited since) or gone (deleted since).
  outcome text check (outcome in ('restored', 'kept', 'gone')),
  reverted_at timestamptz,
  foreign key (org_id, import_id) references public.imports (org_id, id) on delete cascade
);
create index import_changes_import_idx on public.import_changes (import_id, id);
create index import_changes_row_idx on public.import_changes (row_id);

-- The mapping an organization last confirmed for a template: {field: normalized header text}.
create table public.import_mappings (
  org_id uuid not null references public.organizations (id) on delete cascade,
  type text not null check (type in ('purchase_orders', 'quantity_surveys')),
  mapping jsonb not null check (jsonb_typeof(mapping) = 'object'),
  updated_by uuid references auth.users (id) on delete set null,
  updated_at timestamptz not null default now(),
  primary key (org_id, type)
);

-- Triggers ----------------------------------------------------------------------------------------
-- A user-facing change bumps version and updated_at; `spent` alone does not. A writer that sets
-- version itself (Undo restoring the version it overwrote) keeps that value.
create function app_private.bump_purchase_order_version()
returns trigger language plpgsql set search_path = '' as $$
begin
  if new.version is distinct from old.version then
    return new;
  end if;
  if (new.po_number, new.supplier, new.description, new.order_value, new.currency, new.order_date, new.job_number, new.status)
     is distinct from
     (old.po_number, old.supplier, old.description, old.order_value, old.currency, old.order_date, old.job_number, old.status) then
    new.version := old.version + 1;
    new.updated_at := now();
  end if;
  return new;
end $$;

create trigger purchase_orders_version before update on public.purchase_orders
  for each row execute function app_private.bump_purchase_order_version();

create function app_private.bump_quantity_survey_version()
returns trigger language plpgsql set search_path = '' as $$
begin
  if new.version is distinct from old.version then
    return new;
  end if;
  if (new.qs_number, new.po_id, new.valuation_date, new.amount, new.description)
     is distinct from (old.qs_number, old.po_id, old.valuation_date, old.amount, old.description) then
    new.version := old.version + 1;
    new.updated_at := now();
  end if;
  return new;
end $$;

create trigger quantity_surveys_version before update on public.quantity_surveys
  for each row execute function app_private.bump_quantity_survey_version();

-- An import that goes (with its organization) takes its staged rows along and leaves no dangling
-- provenance: one set-based statement per deleting statement instead of per-row foreign keys.
create function app_private.cleanup_deleted_imports()
returns trigger language plpgsql set search_path = '' as $$
begin
  delete from public.import_rows r using gone g where r.import_id = g.id;
  update public.purchase_orders p set import_id = null from gone g where p.import_id = g.id;
  update public.purchase_orders p set created_import_id = null from gone g where p.created_import_id = g.id;
  update public.quantity_surveys q set import_id = null from gone g where q.import_id = g.id;
  update public.quantity_surveys q set created_import_id = null from gone g where q.created_import_id = g.id;
  return null;
end $$;

create trigger imports_cleanup after delete on public.imports
  referencing old table as gone for each statement execute function app_private.cleanup_deleted_imports();

-- Spent: one set-based delta per statement (see the header). Transition tables require one trigger
-- per event.
create function app_private.apply_spent_delta()
returns trigger language plpgsql set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    update public.purchase_orders p set spent = p.spent + d.delta
      from (select po_id, sum(amount) as delta from qs_new group by po_id) d
     where p.id = d.po_id and d.delta <> 0;
  elsif tg_op = 'DELETE' then
    update public.purchase_orders p set spent = p.spent - d.delta
      from (select po_id, sum(amount) as delta from qs_old group by po_id) d
     where p.id = d.po_id and d.delta <> 0;
  else
    update public.purchase_orders p set spent = p.spent + d.delta
      from (select po_id, sum(amount) as delta
              from (select po_id, amount from qs_new union all select po_id, -amount from qs_old) moved
             group by po_id) d
     where p.id = d.po_id and d.delta <> 0;
  end if;
  return null;
end $$;

create trigger quantity_surveys_spent_insert after insert on public.quantity_surveys
  referencing new table as qs_new for each statement execute function app_private.apply_spent_delta();
create trigger quantity_surveys_spent_update after update on public.quantity_surveys
  referencing old table as qs_old new table as qs_new for each statement execute function app_private.apply_spent_delta();
create trigger quantity_surveys_spent_delete after delete on public.quantity_surveys
  referencing old table as qs_old for each statement execute function app_private.apply_spent_delta();

-- Row-level security ------------------------------------------------------------------------------
alter table public.imports enable row level security;
alter table public.import_rows enable row level security;
alter table public.purchase_orders enable row level security;
alter table public.quantity_surveys enable row level security;
alter table public.import_changes enable row level security;
alter table public.import_mappings enable row level security;

create policy purchase_orders_select on public.purchase_orders for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('procurement.read'))));
create policy quantity_surveys_select on public.quantity_surveys for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('procurement.read'))));

-- Import history is read by importers and by procurement readers (a PO's page names the imports
-- that wrote it); the staged data, previous values and remembered mappings by importers only.
create policy imports_select on public.imports for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('imports.run')))
      or org_id = any (array(select app_private.current_user_org_ids_with('procurement.read'))));
-- An upload: a fresh, validating import of the member's own, in an organization where they import.
create policy imports_insert on public.imports for insert to authenticated
  with check (org_id = any (array(select app_private.current_user_org_ids_with('imports.run')))
              and created_by = (select auth.uid()) and status = 'validating');
create policy import_rows_select on public.import_rows for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('imports.run'))));
create policy import_changes_select on public.import_changes for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('imports.run'))));
create policy import_mappings_select on public.import_mappings for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('imports.run'))));

grant select on public.purchase_orders, public.quantity_surveys, public.imports, public.import_rows,
  public.import_changes, public.import_mappings to authenticated;
grant insert (id, org_id, type, file_name, file_size, file_sha256, storage_path, sheets, sheet, header_row, headers,
  mapping, mapping_sources, progress, validate_job_id, created_by) on public.imports to authenticated;
grant select, insert, update, delete on public.purchase_orders, public.quantity_surveys, public.imports,
  public.import_rows, public.import_changes, public.import_mappings to service_role;

-- Guarded functions -------------------------------------------------------------------------------
-- The import, locked, if the caller may act on it (404 for outsiders, 403 without imports.run).
create function app_private.lock_import_for(p_import_id uuid)
returns public.imports language plpgsql volatile security definer set search_path = '' as $$
declare
  imp public.imports;
begin
  select * into imp from public.imports where id = p_import_id for update;
  if not found or ((select auth.role()) <> 'service_role'
                   and not (imp.org_id = any (array(select app_private.current_user_org_ids())))) then
    raise exception 'Import not found' using errcode = 'P0001', hint = 'NOT_FOUND';
  end if;
  perform app_private.assert_org_permission(imp.org_id, 'imports.run');
  return imp;
end $$;

-- A new sheet or mapping: back to `validating` under a new revision, with a validation job for it.
-- Only before the import is confirmed.
create function app_private.revalidate_import(
  p_import_id uuid, p_sheet text, p_header_row integer, p_headers jsonb, p_mapping jsonb, p_mapping_sources jsonb
) returns table (job_id uuid, revision integer)
language plpgsql volatile security definer set search_path = '' as $$
declare
  imp public.imports;
  new_job uuid;
begin
  imp := app_private.lock_import_for(p_import_id);
  if imp.status not in ('validating', 'ready') then
    raise exception 'This import was already confirmed; upload the file again to change its sheet or mapping'
      using errcode = 'P0001', hint = 'CONFLICT';
  end if;
  select e.id into new_job from app_private.enqueue_job(
    imp.org_id, 'import.validate', jsonb_build_object('importId', imp.id, 'revision', imp.revision + 1),
    'import-validate:' || imp.id || ':' || (imp.revision + 1), now(), 3) e;
  update public.imports set
    sheet = p_sheet, header_row = p_header_row, headers = coalesce(p_headers, '[]'::jsonb),
    mapping = coalesce(p_mapping, '{}'::jsonb), mapping_sources = coalesce(p_mapping_sources, '{}'::jsonb),
    revision = imp.revision + 1, status = 'validating', validated_at = null, error = null, error_summary = '{}'::jsonb,
    counts = '{"total": 0, "valid": 0, "invalid": 0, "created": 0, "updated": 0, "unchanged": 0}'::jsonb,
    progress = jsonb_build_object('phase', 'validating', 'done', 0), validate_job_id = new_job
  where id = imp.id;
  return query select new_job, imp.revision + 1;
end $$;

-- Confirm: ready → processing exactly once (the row lock serializes concurrent confirms; the second
-- gets the first one's job back with created = false), remembers the mapping, audits.
create function app_private.confirm_import(p_import_id uuid)
returns table (job_id uuid, created boolean)
language plpgsql volatile security definer set search_path = '' as $$
declare
  imp public.imports;
  new_job uuid;
  remembered jsonb;
begin
  imp := app_private.lock_import_for(p_import_id);
  if imp.status in ('processing', 'succeeded') and imp.process_job_id is not null then
    return query select imp.process_job_id, false;
    return;
  end if;
  if imp.status <> 'ready' then
    raise exception 'Only a validated import can be confirmed (this one is %)', imp.status
      using errcode = 'P0001', hint = 'CONFLICT';
  end if;
  if coalesce((imp.counts ->> 'valid')::integer, 0) = 0 then
    raise exception 'No row of this file is valid; fix the file and upload it again'
      using errcode = 'P0001', hint = 'VALIDATION_FAILED';
  end if;
  select e.id into new_job from app_private.enqueue_job(
    imp.org_id, 'import.process', jsonb_build_object('importId', imp.id), 'import-process:' || imp.id, now(), 5) e;
  update public.imports set
    status = 'processing', confirmed_by = (select auth.uid()), confirmed_at = now(), checkpoint_row = 0,
    counts = counts || '{"created": 0, "updated": 0, "unchanged": 0}'::jsonb,
    progress = jsonb_build_object('phase', 'processing', 'done', 0, 'total', coalesce((counts ->> 'valid')::integer, 0)),
    process_job_id = new_job
  where id = imp.id;
  -- {field: header text} of the mapped columns, matched again by normalized text next time.
  select coalesce(jsonb_object_agg(m.key, h ->> 'header'), '{}'::jsonb) into remembered
    from jsonb_each(imp.mapping) m
    join jsonb_array_elements(imp.headers) h on jsonb_typeof(m.value) = 'number' and (h ->> 'index')::integer = (m.value)::integer;
  insert into public.import_mappings as im (org_id, type, mapping, updated_by, updated_at)
  values (imp.org_id, imp.type, remembered, (select auth.uid()), now())
  on conflict (org_id, type) do update set mapping = excluded.mapping, updated_by = excluded.updated_by, updated_at = now();
  if (select auth.uid()) is not null then
    perform app_private.record_audit_event('import.confirmed', imp.org_id, 'import', imp.id::text,
      jsonb_build_object('type', imp.type, 'fileName', imp.file_name, 'valid', imp.counts -> 'valid', 'invalid', imp.counts -> 'invalid'));
  end if;
  return query select new_job, true;
end $$;

-- Undo: succeeded → reverting once, with the revert job; a second request gets the same job.
create function app_private.request_import_revert(p_import_id uuid)
returns table (job_id uuid, created boolean)
language plpgsql volatile security definer set search_path = '' as $$
declare
  imp public.imports;
  new_job uuid;
begin
  imp := app_private.lock_import_for(p_import_id);
  if imp.status in ('reverting', 'reverted') and imp.revert_job_id is not null then
    return query select imp.revert_job_id, false;
    return;
  end if;
  if imp.status <> 'succeeded' then
    raise exception 'Only a finished import can be undone (this one is %)', imp.status
      using errcode = 'P0001', hint = 'CONFLICT';
  end if;
  select e.id into new_job from app_private.enqueue_job(
    imp.org_id, 'import.revert', jsonb_build_object('importId', imp.id, 'reason', 'undo'), 'import-revert:' || imp.id, now(), 5) e;
  update public.imports set
    status = 'reverting', revert_requested_by = (select auth.uid()), revert_requested_at = now(),
    progress = jsonb_build_object('phase', 'reverting', 'done', 0), revert_job_id = new_job
  where id = imp.id;
  if (select auth.uid()) is not null then
    perform app_private.record_audit_event('import.revert_requested', imp.org_id, 'import', imp.id::text,
      jsonb_build_object('type', imp.type, 'fileName', imp.file_name, 'created', imp.counts -> 'created', 'updated', imp.counts -> 'updated'));
  end if;
  return query select new_job, true;
end $$;

revoke execute on function app_private.lock_import_for(uuid) from public, anon;
revoke execute on function app_private.revalidate_import(uuid, text, integer, jsonb, jsonb, jsonb) from public, anon;
revoke execute on function app_private.confirm_import(uuid) from public, anon;
revoke execute on function app_private.request_import_revert(uuid) from public, anon;
revoke execute on function app_private.bump_purchase_order_version() from public, anon;
revoke execute on function app_private.bump_quantity_survey_version() from public, anon;
revoke execute on function app_private.apply_spent_delta() from public, anon;
revoke execute on function app_private.cleanup_deleted_imports() from public, anon;
grant execute on function app_private.lock_import_for(uuid) to authenticated, service_role;
grant execute on function app_private.revalidate_import(uuid, text, integer, jsonb, jsonb, jsonb) to authenticated, service_role;
grant execute on function app_private.confirm_import(uuid) to authenticated, service_role;
grant execute on function app_private.request_import_revert(uuid) to authenticated, service_role;
