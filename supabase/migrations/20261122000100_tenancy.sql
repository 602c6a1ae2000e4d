-- Tenancy: organizations, members, roles and permissions, user profiles, the audit log, and the
-- app_private helpers that every row-level security policy uses.
-- Runs unchanged on Supabase, PostgreSQL 15 and PGlite; creates nothing in schema auth.

create schema if not exists app_private;
-- Our own SQL calls app_private helpers by name; the schema is never exposed through the Data API
-- and its tables carry no grants to the API roles.
grant usage on schema app_private to authenticated, service_role;

-- Roles and permissions -----------------------------------------------------------------------
create table public.roles (
  role text primary key check (role ~ '^[a-z]+$'),
  rank integer not null check (rank > 0),
  label text not null
);

create table public.role_permissions (
  role text not null references public.roles (role) on delete cascade,
  permission text not null check (permission ~ '^[a-z]+(\.[a-z_]+)+$'),
  primary key (role, permission)
);

insert into public.roles (role, rank, label) values
  ('admin', 50, 'Admin'), ('executive', 40, 'Executive'), ('finance', 30, 'Finance'),
  ('operator', 30, 'Operator'), ('staff', 10, 'Staff');

-- Mirrored by ROLE_PERMISSIONS in src/lib/permissions.ts; a test keeps the two equal.
insert into public.role_permissions (role, permission) values
  ('admin', 'org.manage'), ('admin', 'integrations.manage'), ('admin', 'dashboards.manage'),
  ('admin', 'members.read'), ('admin', 'members.manage'), ('admin', 'audit.read'),
  ('admin', 'dashboards.view'), ('admin', 'finance.read'), ('admin', 'procurement.read'),
  ('admin', 'alerts.read'), ('admin', 'imports.run'), ('admin', 'alerts.acknowledge'),
  ('admin', 'sync.read'), ('admin', 'sync.run'),
  ('executive', 'members.read'), ('executive', 'members.manage'), ('executive', 'audit.read'),
  ('executive', 'dashboards.view'), ('executive', 'finance.read'), ('executive', 'procurement.read'),
  ('executive', 'alerts.read'), ('executive', 'sync.read'),
  ('finance', 'dashboards.view'), ('finance', 'finance.read'), ('finance', 'procurement.read'),
  ('finance', 'alerts.read'), ('finance', 'imports.run'), ('finance', 'alerts.acknowledge'),
  ('finance', 'sync.read'),
  ('operator', 'dashboards.view'), ('operator', 'procurement.read'), ('operator', 'alerts.read'),
  ('operator', 'imports.run'), ('operator', 'sync.read'), ('operator', 'sync.run'),
  ('staff', 'dashboards.view');

-- Organizations and members -------------------------------------------------------------------
create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$'),
  name text not null check (char_length(name) between 1 and 120),
  timezone text not null default 'UTC' check (char_length(timezone) between 1 and 64),
  currency text not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.org_members (
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null references public.roles (role),
  status text not null default 'active' check (status in ('active', 'deactivated')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
create index org_members_user_id_idx on public.org_members (user_id);

-- auth.users is not readable by the API roles, so the parts of a user that colleagues may see
-- live here, kept in step by a trigger on auth.users.
create table public.user_profiles (
  user_id uuid primary key references auth.users (id) on delete cascade,
  email text not null,
  full_name text not null default '' check (char_length(full_name) <= 120),
  last_sign_in_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Audit log: append-only, even for admins and the service role ------------------------------------
-- The closed vocabulary of actions. Later migrations add theirs with an insert; mirrored by
-- AUDIT_ACTIONS in src/lib/audit-actions.ts, and a test keeps the two equal.
create table public.audit_actions (
  action text primary key check (action ~ '^[a-z]+(\.[a-z_]+)+$'),
  description text not null
);

insert into public.audit_actions (action, description) values
  ('auth.login_succeeded', 'Signed in'),
  ('auth.login_failed', 'A sign-in failed'),
  ('auth.login_locked', 'Sign-in locked after repeated failures'),
  ('auth.logout', 'Signed out'),
  ('auth.password_changed', 'Password changed'),
  ('auth.password_reset_requested', 'Password reset requested'),
  ('auth.refresh_token_reused', 'An old session token was reused; the session was ended');

create table public.audit_events (
  id bigint generated always as identity primary key,
  org_id uuid references public.organizations (id) on delete cascade,
  actor_user_id uuid,
  actor_type text not null check (actor_type in ('user', 'system', 'job', 'anonymous')),
  action text not null references public.audit_actions (action),
  target_type text,
  target_id text,
  metadata jsonb not null default '{}'::jsonb,
  ip inet,
  user_agent text,
  request_id text,
  created_at timestamptz not null default now()
);
create index audit_events_org_id_created_at_idx on public.audit_events (org_id, created_at desc);
create index audit_events_actor_user_id_idx on public.audit_events (actor_user_id);

-- Helpers (SECURITY DEFINER, STABLE, empty search_path, set-returning) ------------------------------
create function app_private.current_user_org_ids()
returns setof uuid language sql stable security definer set search_path = '' as $$
  select m.org_id from public.org_members m
  where m.user_id = (select auth.uid()) and m.status = 'active'
$$;

create function app_private.current_user_org_ids_with(required_permission text)
returns setof uuid language sql stable security definer set search_path = '' as $$
  select m.org_id
  from public.org_members m
  join public.role_permissions rp on rp.role = m.role
  where m.user_id = (select auth.uid()) and m.status = 'active' and rp.permission = required_permission
$$;

-- Unused since 20261122002001_admin.sql replaced user_profiles_select; dropped by
-- 20261122004602_drop_colleague_ids.sql.
create function app_private.current_user_colleague_ids()
returns setof uuid language sql stable security definer set search_path = '' as $$
  select distinct other.user_id
  from public.org_members mine
  join public.org_members other on other.org_id = mine.org_id
  where mine.user_id = (select auth.uid()) and mine.status = 'active'
$$;

-- Appends an audit event as the current user: the actor, IP, user agent and request id come from
-- the transaction's settings (set by asUser), never from the caller's arguments.
create function app_private.record_audit_event(
  p_action text, p_org_id uuid, p_target_type text, p_target_id text, p_metadata jsonb
) returns bigint language plpgsql volatile security definer set search_path = '' as $$
declare
  request jsonb := coalesce(nullif(current_setting('app.request', true), '')::jsonb, '{}'::jsonb);
  new_id bigint;
begin
  if (select auth.uid()) is null then
    raise exception 'an audit event needs a signed-in actor' using errcode = '42501';
  end if;
  if p_org_id is not null and p_org_id not in (select app_private.current_user_org_ids()) then
    raise exception 'not a member of this organization' using errcode = '42501';
  end if;
  insert into public.audit_events
    (org_id, actor_user_id, actor_type, action, target_type, target_id, metadata, ip, user_agent, request_id)
  values
    (p_org_id, (select auth.uid()), 'user', p_action, p_target_type, p_target_id,
     coalesce(p_metadata, '{}'::jsonb), nullif(request ->> 'ip', '')::inet,
     request ->> 'userAgent', request ->> 'requestId')
  returning id into new_id;
  return new_id;
end $$;

create function app_private.reject_audit_change()
returns trigger language plpgsql set search_path = '' as $$
begin
  raise exception 'audit events are append-only' using errcode = '42501';
end $$;

create trigger audit_events_append_only
  before update or delete on public.audit_events
  for each row execute function app_private.reject_audit_change();
create trigger audit_events_no_truncate
  before truncate on public.audit_events
  for each statement execute function app_private.reject_audit_change();

create function app_private.touch_updated_at()
returns trigger language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end $$;

create trigger organizations_touch before update on public.organizations
  for each row execute function app_private.touch_updated_at();
create trigger org_members_touch before update on public.org_members
  for each row execute function app_private.touch_updated_at();
create trigger user_profiles_touch before update on public.user_profiles
  for each row execute function app_private.touch_updated_at();

-- Keeps user_profiles in step with auth.users (GoTrue writes auth.users in Supabase mode).
-- Kept tiny: a failing trigger here would block every sign-up and sign-in.
create function app_private.sync_user_profile()
returns trigger language plpgsql security definer set search_path = '' as $$
begin
  insert into public.user_profiles (user_id, email, full_name, last_sign_in_at)
  values (new.id, coalesce(new.email, ''), coalesce(new.raw_user_meta_data ->> 'full_name', ''),
          new.last_sign_in_at)
  on conflict (user_id) do update
    set email = excluded.email, last_sign_in_at = excluded.last_sign_in_at;
  return new;
end $$;

create trigger on_auth_user_changed
  after insert or update of email, last_sign_in_at on auth.users
  for each row execute function app_private.sync_user_profile();

revoke execute on all functions in schema app_private from public, anon;
grant execute on function app_private.current_user_org_ids() to authenticated, service_role;
grant execute on function app_private.current_user_org_ids_with(text) to authenticated, service_role;
grant execute on function app_private.current_user_colleague_ids() to authenticated, service_role;
grant execute on function app_private.record_audit_event(text, uuid, text, text, jsonb) to authenticated;

-- Row-level security: one policy per command, always `to authenticated` ------------------------------
-- Membership checks are written `org_id = any (array(select app_private.…()))`: the helper runs once
-- per statement (an InitPlan) and each row costs one comparison against a tiny array. The
-- `in (select …)` form does the same once-per-statement work but probes a hashed subplan per row,
-- which measured 2.5× slower over 1M rows on PostgreSQL 15 (bench/rls-cost.ts).
alter table public.roles enable row level security;
alter table public.role_permissions enable row level security;
alter table public.audit_actions enable row level security;
alter table public.organizations enable row level security;
alter table public.org_members enable row level security;
alter table public.user_profiles enable row level security;
alter table public.audit_events enable row level security;

create policy roles_select on public.roles for select to authenticated using (true);
create policy role_permissions_select on public.role_permissions for select to authenticated using (true);
create policy audit_actions_select on public.audit_actions for select to authenticated using (true);

create policy organizations_select on public.organizations for select to authenticated
  using (id = any (array(select app_private.current_user_org_ids())));
create policy organizations_update on public.organizations for update to authenticated
  using (id = any (array(select app_private.current_user_org_ids_with('org.manage'))))
  with check (id = any (array(select app_private.current_user_org_ids_with('org.manage'))));

-- Members see the member list of their organizations; changes go through guarded functions
-- (the admin capability), so there is no insert/update/delete policy.
-- REPLACED by 20261122007001_organization_lifecycle.sql (same name): a member also sees their own
-- membership of a deleted organization (to restore it). Read that file.
create policy org_members_select on public.org_members for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids())) or user_id = (select auth.uid()));

-- REPLACED by 20261122002001_admin.sql (same name): colleagues' profiles are matched by an index
-- probe through org_members(user_id) instead of this array of every colleague id. Read that file.
create policy user_profiles_select on public.user_profiles for select to authenticated
  using (user_id = (select auth.uid()) or user_id = any (array(select app_private.current_user_colleague_ids())));
create policy user_profiles_update on public.user_profiles for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

-- Events of an organization are visible to its auditors; a user's own sign-in events (which belong
-- to no organization) are visible to that user only.
create policy audit_events_select on public.audit_events for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('audit.read')))
         or (org_id is null and actor_user_id = (select auth.uid())));

-- Grants: explicit, never default privileges -----------------------------------------------------
grant select on public.roles, public.role_permissions, public.audit_actions to authenticated;
grant select, update (name, timezone, currency) on public.organizations to authenticated;
grant select on public.org_members to authenticated;
grant select, update (full_name) on public.user_profiles to authenticated;
grant select on public.audit_events to authenticated;

-- The role matrix and the audit vocabulary are reference data: it changes only through migrations, never through an API role.
grant select on public.roles, public.role_permissions, public.audit_actions to service_role;
grant select, insert, update, delete on public.organizations, public.org_members, public.user_profiles to service_role;
grant select, insert on public.audit_events to service_role;
