-- Integrations and sync: Xero/XPM connections with their (encrypted) OAuth tokens, OAuth states, sync
-- runs and received Xero webhook events. Members read connection status, runs and events according to
-- `sync.read`; tokens are never readable through the API roles. Every change goes through the
-- guarded functions below (permission check, audit event in the same transaction), basejump-style.

insert into public.audit_actions (action, description) values
  ('integration.connected', 'Connected a Xero or XPM organisation'),
  ('integration.disconnected', 'Disconnected a Xero or XPM organisation'),
  ('sync.triggered', 'Started a sync by hand');

-- OAuth token sets ----------------------------------------------------------------------------------
-- One per consent: every tenant connected through one authorization shares it, so one refresh (which
-- rotates the refresh token) serves them all. Tokens are AES-256-GCM ciphertexts bound to the row id.
create table public.integration_token_sets (
  id uuid primary key,
  org_id uuid not null references public.organizations (id) on delete cascade,
  access_token_enc text not null,
  refresh_token_enc text not null,
  expires_at timestamptz not null,
  scopes text[] not null default '{}',
  auth_event_id text,
  refreshed_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);
create index integration_token_sets_org_idx on public.integration_token_sets (org_id);

-- Connections ---------------------------------------------------------------------------------------
create table public.integration_connections (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  provider text not null check (provider in ('xero', 'xpm')),
  tenant_id text not null check (char_length(tenant_id) between 1 and 64),
  tenant_name text,
  -- Xero's id of the connection itself (DELETE /connections/{id} on disconnect).
  xero_connection_id text,
  token_set_id uuid references public.integration_token_sets (id) on delete set null,
  -- 20261122004601_integration_currency.sql adds 'currency_mismatch' (and the base_currency column).
  status text not null default 'connected'
    check (status in ('connected', 'reconnect_required', 'disconnected')),
  -- Per entity: {since, page, passSince, passMax, lastFullAt} (see _shared/sync/checkpoints.ts).
  checkpoints jsonb not null default '{}'::jsonb,
  -- A day-limit hit pauses the tenant until here; schedules skip it meanwhile.
  paused_until timestamptz,
  token_expires_at timestamptz,
  token_refreshed_at timestamptz,
  last_success_at timestamptz,
  last_error text,
  last_error_at timestamptz,
  -- The newest X-*Limit-Remaining values Xero sent (health panel).
  rate_headroom jsonb not null default '{}'::jsonb,
  connected_by uuid references auth.users (id) on delete set null,
  connected_at timestamptz not null default now(),
  disconnected_at timestamptz,
  updated_at timestamptz not null default now(),
  unique (org_id, provider, tenant_id)
);
create index integration_connections_tenant_idx on public.integration_connections (tenant_id) where status = 'connected';
create index integration_connections_token_set_idx on public.integration_connections (token_set_id);
create trigger integration_connections_touch before update on public.integration_connections
  for each row execute function app_private.touch_updated_at();

-- OAuth states --------------------------------------------------------------------------------------
-- The `state` of one authorization request: single use, bound to the user and organization that
-- started it, short-lived. Only its SHA-256 is stored.
create table public.integration_oauth_states (
  state_hash text primary key check (state_hash ~ '^[0-9a-f]{64}$'),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  provider text not null check (provider in ('xero', 'xpm')),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index integration_oauth_states_org_idx on public.integration_oauth_states (org_id);

-- Sync runs -----------------------------------------------------------------------------------------
create table public.sync_runs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  connection_id uuid not null references public.integration_connections (id) on delete cascade,
  job_id uuid references public.jobs (id) on delete set null,
  trigger text not null check (trigger in ('manual', 'schedule', 'webhook')),
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled')),
  -- Entities to sync (null: all of the provider's) and whether to ignore the checkpoints.
  entities text[],
  full_resync boolean not null default false,
  -- {entity: {fetched, upserted, deleted}}
  counts jsonb not null default '{}'::jsonb,
  pages integer not null default 0,
  api_calls integer not null default 0,
  -- {percent, entity, message}
  progress jsonb not null default '{}'::jsonb,
  error text,
  -- A partial run (day limit) can continue from here.
  retry_at timestamptz,
  requested_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
-- One active run per connection: a second trigger gets the running one.
create unique index sync_runs_one_active_idx on public.sync_runs (connection_id) where status in ('queued', 'running');
create index sync_runs_org_created_idx on public.sync_runs (org_id, created_at desc);
create index sync_runs_connection_created_idx on public.sync_runs (connection_id, created_at desc);

-- Webhook events ------------------------------------------------------------------------------------
create table public.xero_webhook_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  connection_id uuid not null references public.integration_connections (id) on delete cascade,
  -- tenantId|eventCategory|resourceId|eventDateUtc: a redelivered event is the same key.
  dedupe_key text not null unique check (char_length(dedupe_key) between 1 and 300),
  event_category text not null,
  event_type text not null,
  resource_id text not null,
  event_date_utc timestamptz not null,
  payload jsonb not null,
  sync_run_id uuid references public.sync_runs (id) on delete set null,
  received_at timestamptz not null default now()
);
create index xero_webhook_events_org_received_idx on public.xero_webhook_events (org_id, received_at desc);

-- Row-level security --------------------------------------------------------------------------------
alter table public.integration_token_sets enable row level security;
alter table public.integration_connections enable row level security;
alter table public.integration_oauth_states enable row level security;
alter table public.sync_runs enable row level security;
alter table public.xero_webhook_events enable row level security;

-- Tokens: no policy and no grant for authenticated; the job runners and the guarded functions only.
grant select, insert, update, delete on public.integration_token_sets to service_role;

create policy integration_connections_select on public.integration_connections for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('sync.read')))
      or org_id = any (array(select app_private.current_user_org_ids_with('integrations.manage'))));
grant select on public.integration_connections to authenticated;
grant select, insert, update, delete on public.integration_connections to service_role;

create policy integration_oauth_states_select on public.integration_oauth_states for select to authenticated
  using (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids_with('integrations.manage'))));
create policy integration_oauth_states_insert on public.integration_oauth_states for insert to authenticated
  with check (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids_with('integrations.manage'))));
create policy integration_oauth_states_update on public.integration_oauth_states for update to authenticated
  using (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids_with('integrations.manage'))))
  with check (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids_with('integrations.manage'))));
-- A user clears their own spent or expired states when starting a new consent.
create policy integration_oauth_states_delete on public.integration_oauth_states for delete to authenticated
  using (user_id = (select auth.uid()) and (used_at is not null or expires_at < now()));
grant select, insert, delete on public.integration_oauth_states to authenticated;
grant update (used_at) on public.integration_oauth_states to authenticated;
grant select, insert, update, delete on public.integration_oauth_states to service_role;

create policy sync_runs_select on public.sync_runs for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('sync.read'))));
grant select on public.sync_runs to authenticated;
grant select, insert, update, delete on public.sync_runs to service_role;

create policy xero_webhook_events_select on public.xero_webhook_events for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('sync.read'))));
grant select on public.xero_webhook_events to authenticated;
grant select, insert, update, delete on public.xero_webhook_events to service_role;

-- Guarded functions ---------------------------------------------------------------------------------
-- The caller (a member with `permission`, or the service role) may act on this organization.
create function app_private.assert_org_permission(p_org_id uuid, p_permission text)
returns void language plpgsql stable security definer set search_path = '' as $$
begin
  if (select auth.role()) = 'service_role' then
    return;
  end if;
  if not (p_org_id = any (array(select app_private.current_user_org_ids()))) then
    raise exception 'Organization not found' using errcode = 'P0001', hint = 'NOT_FOUND';
  end if;
  if not (p_org_id = any (array(select app_private.current_user_org_ids_with(p_permission)))) then
    raise exception 'You do not have permission to do this' using errcode = 'P0001', hint = 'FORBIDDEN';
  end if;
end $$;

-- Starts a sync of one connection, or returns the run already queued or running for it.
create function app_private.request_sync_run(
  p_connection_id uuid, p_trigger text, p_entities text[] default null, p_full boolean default false
) returns table (run_id uuid, job_id uuid, created boolean)
language plpgsql volatile security definer set search_path = '' as $$
declare
  conn public.integration_connections;
  active public.sync_runs;
  new_run uuid;
  new_job uuid;
begin
  select * into conn from public.integration_connections where id = p_connection_id for update;
  if not found or ((select auth.role()) <> 'service_role'
                   and not (conn.org_id = any (array(select app_private.current_user_org_ids_with('sync.read'))))) then
    raise exception 'Connection not found' using errcode = 'P0001', hint = 'NOT_FOUND';
  end if;
  perform app_private.assert_org_permission(conn.org_id, 'sync.run');
  if conn.status <> 'connected' then
    raise exception 'This connection needs to be reconnected before it can sync' using errcode = 'P0001', hint = 'CONFLICT';
  end if;
  select * into active from public.sync_runs r where r.connection_id = p_connection_id and r.status in ('queued', 'running');
  if found then
    return query select active.id, active.job_id, false;
    return;
  end if;
  insert into public.sync_runs (org_id, connection_id, trigger, entities, full_resync, requested_by)
  values (conn.org_id, conn.id, p_trigger, p_entities, coalesce(p_full, false), (select auth.uid()))
  returning id into new_run;
  select e.id into new_job from app_private.enqueue_job(
    conn.org_id, 'sync.run', jsonb_build_object('connectionId', conn.id, 'syncRunId', new_run),
    'sync-run:' || new_run, now(), 5) e;
  update public.sync_runs set job_id = new_job where id = new_run;
  if p_trigger = 'manual' and (select auth.uid()) is not null then
    perform app_private.record_audit_event('sync.triggered', conn.org_id, 'integration_connection', conn.id::text,
      jsonb_build_object('provider', conn.provider, 'tenantName', conn.tenant_name, 'syncRunId', new_run));
  end if;
  return query select new_run, new_job, true;
end $$;

-- Stores one consent: its token set (ciphertexts made by the app) and the tenants chosen from it.
-- p_tenants: [{provider, tenantId, tenantName, xeroConnectionId}]
-- REPLACED by 20261122004601_integration_currency.sql (same signature): that version stores each
-- Xero organisation's base currency and holds one whose currency differs from the organization's
-- in status 'currency_mismatch'. Read that file for the function as it runs.
create function app_private.save_integration_consent(
  p_org_id uuid, p_token_set_id uuid, p_access_enc text, p_refresh_enc text, p_expires_at timestamptz,
  p_scopes text[], p_auth_event_id text, p_tenants jsonb
) returns setof uuid language plpgsql volatile security definer set search_path = '' as $$
declare
  t jsonb;
  conn_id uuid;
begin
  perform app_private.assert_org_permission(p_org_id, 'integrations.manage');
  if jsonb_typeof(p_tenants) <> 'array' or jsonb_array_length(p_tenants) = 0 then
    raise exception 'Choose at least one organisation to connect' using errcode = 'P0001', hint = 'VALIDATION_FAILED';
  end if;
  insert into public.integration_token_sets (id, org_id, access_token_enc, refresh_token_enc, expires_at, scopes, auth_event_id)
  values (p_token_set_id, p_org_id, p_access_enc, p_refresh_enc, p_expires_at, coalesce(p_scopes, '{}'), p_auth_event_id);
  for t in select * from jsonb_array_elements(p_tenants) loop
    insert into public.integration_connections as c
      (org_id, provider, tenant_id, tenant_name, xero_connection_id, token_set_id, status,
       token_expires_at, token_refreshed_at, connected_by, connected_at, disconnected_at, last_error, last_error_at, paused_until)
    values (p_org_id, t ->> 'provider', t ->> 'tenantId', t ->> 'tenantName', t ->> 'xeroConnectionId', p_token_set_id,
            'connected', p_expires_at, now(), (select auth.uid()), now(), null, null, null, null)
    on conflict (org_id, provider, tenant_id) do update set
      tenant_name = excluded.tenant_name, xero_connection_id = excluded.xero_connection_id,
      token_set_id = excluded.token_set_id, status = 'connected', token_expires_at = excluded.token_expires_at,
      token_refreshed_at = excluded.token_refreshed_at, connected_by = excluded.connected_by,
      connected_at = case when c.status = 'connected' then c.connected_at else now() end,
      disconnected_at = null, last_error = null, last_error_at = null, paused_until = null
    returning c.id into conn_id;
    if (select auth.uid()) is not null then
      perform app_private.record_audit_event('integration.connected', p_org_id, 'integration_connection', conn_id::text,
        jsonb_build_object('provider', t ->> 'provider', 'tenantName', t ->> 'tenantName'));
    end if;
    return next conn_id;
  end loop;
  -- Token sets no connection uses any more (an older consent for the same tenants) are dropped.
  delete from public.integration_token_sets s
  where s.org_id = p_org_id and s.id <> p_token_set_id
    and not exists (select 1 from public.integration_connections c where c.token_set_id = s.id);
end $$;

-- Disconnects one connection: it stops syncing (schedules skip it, queued runs are cancelled) and
-- its tokens are dropped once no other connection shares them. Returns what the app needs to tell
-- Xero (DELETE /connections/{id}) with the token set's ciphertext, read before it is dropped.
create function app_private.disconnect_integration(p_connection_id uuid)
returns table (xero_connection_id text, token_set_id uuid, access_token_enc text, token_set_dropped boolean, shared_elsewhere boolean)
language plpgsql volatile security definer set search_path = '' as $$
declare
  conn public.integration_connections;
  tokens public.integration_token_sets;
  dropped boolean := false;
begin
  select * into conn from public.integration_connections where id = p_connection_id for update;
  if not found or ((select auth.role()) <> 'service_role'
                   and not (conn.org_id = any (array(select app_private.current_user_org_ids())))) then
    raise exception 'Connection not found' using errcode = 'P0001', hint = 'NOT_FOUND';
  end if;
  perform app_private.assert_org_permission(conn.org_id, 'integrations.manage');
  if conn.status = 'disconnected' then
    raise exception 'This connection is already disconnected' using errcode = 'P0001', hint = 'CONFLICT';
  end if;
  select * into tokens from public.integration_token_sets where id = conn.token_set_id;
  update public.integration_connections
    set status = 'disconnected', disconnected_at = now(), token_set_id = null, token_expires_at = null, paused_until = null
    where id = conn.id;
  update public.sync_runs set status = 'cancelled', finished_at = now(), error = 'The connection was disconnected'
    where connection_id = conn.id and status = 'queued';
  update public.jobs set cancel_requested_at = now()
    where id in (select r.job_id from public.sync_runs r where r.connection_id = conn.id and r.job_id is not null)
      and status in ('queued', 'running');
  if tokens.id is not null and not exists (select 1 from public.integration_connections c where c.token_set_id = tokens.id) then
    delete from public.integration_token_sets where id = tokens.id;
    dropped := true;
  end if;
  if (select auth.uid()) is not null then
    perform app_private.record_audit_event('integration.disconnected', conn.org_id, 'integration_connection', conn.id::text,
      jsonb_build_object('provider', conn.provider, 'tenantName', conn.tenant_name));
  end if;
  -- Another organization connected the same tenant through the same Xero user: Xero holds ONE
  -- connection for both, so removing it there would cut the other organization off too.
  return query select conn.xero_connection_id, tokens.id, tokens.access_token_enc, dropped,
    exists (select 1 from public.integration_connections c
            where c.xero_connection_id = conn.xero_connection_id and c.id <> conn.id and c.status = 'connected');
end $$;

revoke execute on function app_private.assert_org_permission(uuid, text) from public, anon;
revoke execute on function app_private.request_sync_run(uuid, text, text[], boolean) from public, anon;
revoke execute on function app_private.save_integration_consent(uuid, uuid, text, text, timestamptz, text[], text, jsonb) from public, anon;
revoke execute on function app_private.disconnect_integration(uuid) from public, anon;
grant execute on function app_private.assert_org_permission(uuid, text) to authenticated, service_role;
grant execute on function app_private.request_sync_run(uuid, text, text[], boolean) to authenticated, service_role;
grant execute on function app_private.save_integration_consent(uuid, uuid, text, text, timestamptz, text[], text, jsonb) to authenticated, service_role;
grant execute on function app_private.disconnect_integration(uuid) to authenticated, service_role;
