-- The lifecycle of an organization: created by first-run setup, by sign-up or by a signed-in user;
-- exported; deleted (hidden at once, restorable during a grace period, then purged by a job).
-- Runs unchanged on Supabase, PostgreSQL 15 and PGlite.

insert into public.audit_actions (action, description) values
  ('auth.signup_requested', 'Asked for an account (sign-up)'),
  ('auth.email_verified', 'Confirmed an email address; the account and its organization were created'),
  ('org.created', 'Created an organization'),
  ('org.exported', 'Exported everything the organization holds'),
  ('org.deleted', 'Deleted the organization (restorable until it is purged)'),
  ('org.restored', 'Restored a deleted organization'),
  ('org.purged', 'Purged a deleted organization and everything it held'),
  ('account.deleted', 'Deleted their own account');

-- Soft deletion -------------------------------------------------------------------------------------
alter table public.organizations
  add column deleted_at timestamptz,
  add column deleted_by uuid references auth.users (id) on delete set null,
  add column purge_after timestamptz,
  add constraint organizations_deletion_check check ((deleted_at is null) = (purge_after is null));
create index organizations_purge_after_idx on public.organizations (purge_after) where deleted_at is not null;

-- Slugs are the first segment of every organization URL, so the app's own top-level paths are not
-- available. Mirrored by RESERVED_SLUGS in src/lib/organization-schemas.ts (a test keeps them equal).
-- NOT VALID: checked for every new or renamed organization, without failing on an existing one.
alter table public.organizations add constraint organizations_slug_not_reserved check (slug <> all (array[
  'about', 'account', 'accounts', 'admin', 'api', 'app', 'assets', 'auth', 'billing', 'dashboard',
  'dashboards', 'dev', 'docs', 'forbidden', 'forgot-password', 'health', 'help', 'invite', 'invitations',
  'login', 'logout', 'mailbox', 'me', 'new', 'not-found', 'organization', 'organizations', 'profile',
  'public', 'reset-password', 'settings', 'setup', 'signin', 'signup', 'static', 'status', 'support',
  'system', 'verify-email', 'www', 'xeropulse'
]::text[])) not valid;

-- The membership helpers every policy uses, now blind to deleted organizations: from the moment an
-- organization is deleted its members see nothing of it, through every table and every function.
create or replace function app_private.current_user_org_ids()
returns setof uuid language sql stable security definer set search_path = '' as $$
  select m.org_id from public.org_members m
  join public.organizations o on o.id = m.org_id and o.deleted_at is null
  where m.user_id = (select auth.uid()) and m.status = 'active'
$$;

create or replace function app_private.current_user_org_ids_with(required_permission text)
returns setof uuid language sql stable security definer set search_path = '' as $$
  select m.org_id
  from public.org_members m
  join public.organizations o on o.id = m.org_id and o.deleted_at is null
  join public.role_permissions rp on rp.role = m.role
  where m.user_id = (select auth.uid()) and m.status = 'active' and rp.permission = required_permission
$$;

create or replace function app_private.caller_membership(p_org_id uuid)
returns table (role text, rank integer, can_manage boolean)
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
    select m.role, r.rank,
           exists (select 1 from public.role_permissions rp where rp.role = m.role and rp.permission = 'members.manage')
    from public.org_members m
    join public.organizations o on o.id = m.org_id and o.deleted_at is null
    join public.roles r on r.role = m.role
    where m.org_id = p_org_id and m.user_id = (select auth.uid()) and m.status = 'active';
  if not found then
    raise exception 'Organization not found' using errcode = 'P0001', hint = 'NOT_FOUND';
  end if;
end $$;

-- Members also see their own membership rows (of any status); not those of a deleted organization.
create function app_private.current_user_deleted_org_ids()
returns setof uuid language sql stable security definer set search_path = '' as $$
  select m.org_id from public.org_members m
  join public.organizations o on o.id = m.org_id and o.deleted_at is not null
  where m.user_id = (select auth.uid())
$$;
revoke execute on function app_private.current_user_deleted_org_ids() from public, anon;
grant execute on function app_private.current_user_deleted_org_ids() to authenticated, service_role;

drop policy org_members_select on public.org_members;
create policy org_members_select on public.org_members for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids()))
         or (user_id = (select auth.uid()) and not (org_id = any (array(select app_private.current_user_deleted_org_ids())))));

-- An invitation to a deleted organization is no longer a valid link.
create or replace function app_private.invitation_by_token(p_token_hash text)
returns table (org_name text, org_slug text, email text, role text, state text, account_exists boolean)
language sql stable security definer set search_path = '' as $$
  select o.name, o.slug, i.email, i.role,
         case when i.revoked_at is not null then 'revoked'
              when i.accepted_at is not null then 'accepted'
              when i.expires_at <= now() then 'expired'
              else 'pending' end,
         exists (select 1 from public.user_profiles p where lower(p.email) = i.email)
  from public.org_invitations i join public.organizations o on o.id = i.org_id
  where i.token_hash = p_token_hash and o.deleted_at is null
$$;

-- Nobody joins a deleted organization, whichever path inserts the membership.
create function app_private.refuse_membership_of_deleted_org()
returns trigger language plpgsql security definer set search_path = '' as $$
begin
  if exists (select 1 from public.organizations where id = new.org_id and deleted_at is not null) then
    raise exception 'Organization not found' using errcode = 'P0001', hint = 'NOT_FOUND';
  end if;
  return new;
end $$;
create trigger org_members_not_in_deleted_org before insert on public.org_members
  for each row execute function app_private.refuse_membership_of_deleted_org();

-- The last-admin rule holds for live organizations; a deleted one may lose its admins (an admin
-- deleting their account), and is then purged on schedule with nobody left to restore it.
create or replace function app_private.check_org_keeps_admin()
returns trigger language plpgsql security definer set search_path = '' as $$
begin
  if old.role = 'admin' and old.status = 'active'
     and exists (select 1 from public.organizations where id = old.org_id and deleted_at is null)
     and not exists (select 1 from public.org_members where org_id = old.org_id and role = 'admin' and status = 'active') then
    raise exception 'An organization needs at least one active admin' using errcode = 'P0001', hint = 'CONFLICT';
  end if;
  return null;
end $$;

-- Audit events stay append-only, with one exception: purging an organization removes its events
-- with it. The cascade from public.organizations runs after the organization's row is gone, which
-- is what this checks; an organization that still exists keeps every event.
create or replace function app_private.reject_audit_change()
returns trigger language plpgsql set search_path = '' as $$
begin
  if tg_op = 'DELETE' and old.org_id is not null
     and not exists (select 1 from public.organizations where id = old.org_id) then
    return old;
  end if;
  raise exception 'audit events are append-only' using errcode = '42501';
end $$;

-- Creating an organization -----------------------------------------------------------------------------
-- By a signed-in user (who becomes its admin), or by the service role for setup, sign-up and the CLI
-- (p_admin_user_id names the admin). The organization, the admin membership and the audit event are
-- written together. A taken slug is a unique violation (23505): the app answers 409 with a suggestion.
create function app_private.create_organization(
  p_name text, p_slug text, p_timezone text, p_currency text, p_admin_user_id uuid default null, p_metadata jsonb default '{}'::jsonb
) returns public.organizations language plpgsql volatile security definer set search_path = '' as $$
declare
  is_service boolean := (select auth.role()) is not distinct from 'service_role';
  admin_id uuid := coalesce(p_admin_user_id, (select auth.uid()));
  request jsonb := coalesce(nullif(current_setting('app.request', true), '')::jsonb, '{}'::jsonb);
  created public.organizations;
begin
  if not is_service then
    if (select auth.uid()) is null then
      raise exception 'Sign in to create an organization' using errcode = 'P0001', hint = 'UNAUTHORIZED';
    end if;
    if p_admin_user_id is not null and p_admin_user_id <> (select auth.uid()) then
      raise exception 'You can only create an organization for yourself' using errcode = 'P0001', hint = 'FORBIDDEN';
    end if;
  elsif admin_id is null then
    raise exception 'An organization needs its first admin' using errcode = 'P0001', hint = 'VALIDATION_FAILED';
  end if;
  insert into public.organizations (slug, name, timezone, currency)
  values (p_slug, p_name, coalesce(p_timezone, 'UTC'), coalesce(p_currency, 'USD'))
  returning * into created;
  insert into public.org_members (org_id, user_id, role) values (created.id, admin_id, 'admin');
  insert into public.audit_events
    (org_id, actor_user_id, actor_type, action, target_type, target_id, metadata, ip, user_agent, request_id)
  values
    (created.id, admin_id, case when is_service then 'system' else 'user' end, 'org.created', 'organization', created.id::text,
     jsonb_build_object('slug', created.slug, 'name', created.name) || coalesce(p_metadata, '{}'::jsonb),
     nullif(request ->> 'ip', '')::inet, request ->> 'userAgent', request ->> 'requestId');
  return created;
end $$;

-- A free slug near p_base (`base-2`, `base-3`, …): the suggestion of a 409. Reveals only what the
-- 409 itself does, that a slug is taken.
create function app_private.suggest_org_slug(p_base text)
returns text language plpgsql volatile security definer set search_path = '' as $$
declare
  base text := rtrim(left(p_base, 44), '-');
  candidate text;
begin
  for n in 2..50 loop
    candidate := base || '-' || n;
    if not exists (select 1 from public.organizations where slug = candidate) then
      return candidate;
    end if;
  end loop;
  return rtrim(left(base, 40), '-') || '-' || substr(md5(random()::text), 1, 6);
end $$;

-- Deleting and restoring ------------------------------------------------------------------------------
-- Hides the organization from its members at once (the helpers above), stops its queued work, and
-- sets the date after which the org.purge job removes it. The event is written first, while the
-- caller can still see the organization.
create function app_private.delete_organization(p_org_id uuid, p_grace_days integer)
returns public.organizations language plpgsql volatile security definer set search_path = '' as $$
declare
  purge_at timestamptz := now() + make_interval(days => greatest(coalesce(p_grace_days, 30), 0));
  deleted public.organizations;
begin
  perform app_private.assert_org_permission(p_org_id, 'org.manage');
  if (select auth.uid()) is null then
    raise exception 'Sign in to delete an organization' using errcode = 'P0001', hint = 'UNAUTHORIZED';
  end if;
  perform app_private.record_audit_event('org.deleted', p_org_id, 'organization', p_org_id::text,
                                         jsonb_build_object('purgeAfter', purge_at));
  update public.organizations set deleted_at = now(), deleted_by = (select auth.uid()), purge_after = purge_at
  where id = p_org_id and deleted_at is null
  returning * into deleted;
  update public.jobs set status = 'cancelled', finished_at = now(), error = 'The organization was deleted'
  where org_id = p_org_id and status = 'queued';
  update public.jobs set cancel_requested_at = now() where org_id = p_org_id and status = 'running';
  return deleted;
end $$;

-- Any active member whose role holds org.manage (an admin at the time of deletion) may restore it
-- until its purge date. Its Xero connections stay disconnected (they were, at deletion).
create function app_private.restore_organization(p_org_id uuid)
returns public.organizations language plpgsql volatile security definer set search_path = '' as $$
declare
  org public.organizations;
  restored public.organizations;
begin
  select * into org from public.organizations where id = p_org_id for update;
  if not found or not exists (
      select 1 from public.org_members m join public.role_permissions rp on rp.role = m.role and rp.permission = 'org.manage'
      where m.org_id = p_org_id and m.user_id = (select auth.uid()) and m.status = 'active') then
    raise exception 'Organization not found' using errcode = 'P0001', hint = 'NOT_FOUND';
  end if;
  if org.deleted_at is null then
    raise exception 'This organization is not deleted' using errcode = 'P0001', hint = 'CONFLICT';
  end if;
  if org.purge_after <= now() then
    raise exception 'This organization can no longer be restored: its grace period has ended' using errcode = 'P0001', hint = 'CONFLICT';
  end if;
  update public.organizations set deleted_at = null, deleted_by = null, purge_after = null
  where id = p_org_id returning * into restored;
  perform app_private.record_audit_event('org.restored', p_org_id, 'organization', p_org_id::text,
                                         jsonb_build_object('deletedAt', org.deleted_at, 'deletedBy', org.deleted_by));
  return restored;
end $$;

-- The deleted organizations the caller may restore.
create function app_private.my_deleted_organizations()
returns table (id uuid, slug text, name text, deleted_at timestamptz, purge_after timestamptz, deleted_by_email text)
language sql stable security definer set search_path = '' as $$
  select o.id, o.slug, o.name, o.deleted_at, o.purge_after, p.email
  from public.organizations o
  join public.org_members m on m.org_id = o.id and m.user_id = (select auth.uid()) and m.status = 'active'
  join public.role_permissions rp on rp.role = m.role and rp.permission = 'org.manage'
  left join public.user_profiles p on p.user_id = o.deleted_by
  where o.deleted_at is not null and o.purge_after > now()
  order by o.deleted_at desc
$$;

-- Whether a live organization of the caller holds any synced data (the home page's start page).
-- A definer function because most of that data is readable by some roles only, while every member
-- should see the same answer.
create function app_private.org_has_synced_data(p_org_id uuid)
returns boolean language sql stable security definer set search_path = '' as $$
  select p_org_id = any (array(select app_private.current_user_org_ids()))
     and (exists (select 1 from public.integration_connections where org_id = p_org_id)
       or exists (select 1 from public.xero_invoices where org_id = p_org_id)
       or exists (select 1 from public.xero_contacts where org_id = p_org_id)
       or exists (select 1 from public.xpm_clients where org_id = p_org_id)
       or exists (select 1 from public.xpm_jobs where org_id = p_org_id))
$$;

revoke execute on function app_private.refuse_membership_of_deleted_org() from public, anon;
revoke execute on function app_private.create_organization(text, text, text, text, uuid, jsonb) from public, anon;
revoke execute on function app_private.suggest_org_slug(text) from public, anon;
revoke execute on function app_private.delete_organization(uuid, integer) from public, anon;
revoke execute on function app_private.restore_organization(uuid) from public, anon;
revoke execute on function app_private.my_deleted_organizations() from public, anon;
revoke execute on function app_private.org_has_synced_data(uuid) from public, anon;
grant execute on function app_private.create_organization(text, text, text, text, uuid, jsonb) to authenticated, service_role;
grant execute on function app_private.suggest_org_slug(text) to authenticated, service_role;
grant execute on function app_private.delete_organization(uuid, integer) to authenticated;
grant execute on function app_private.restore_organization(uuid) to authenticated;
grant execute on function app_private.my_deleted_organizations() to authenticated;
grant execute on function app_private.org_has_synced_data(uuid) to authenticated;

-- Sign-up ---------------------------------------------------------------------------------------------
-- A request to create an account, kept until its address is confirmed: no user exists before that,
-- so an unconfirmed sign-up cannot sign in and nobody can pre-register somebody else's address. The
-- password is kept only as a bcrypt hash, each request with its own (the link that is confirmed
-- sets exactly what that sign-up chose). A request for an address that already has an account has
-- no token: its owner got a notice instead. Rows are also the per-IP and per-address rate limit.
create table app_private.signup_requests (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email) and char_length(email) between 3 and 254),
  token_hash text unique check (token_hash ~ '^[0-9a-f]{64}$'),
  password_hash text,
  full_name text not null default '' check (char_length(full_name) <= 120),
  organization_name text not null default '' check (char_length(organization_name) <= 120),
  ip inet,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  check ((token_hash is null) = (password_hash is null))
);
create index signup_requests_ip_created_idx on app_private.signup_requests (ip, created_at desc);
create index signup_requests_email_created_idx on app_private.signup_requests (email, created_at desc);
alter table app_private.signup_requests enable row level security;
grant select, insert, update, delete on app_private.signup_requests to service_role;

-- First-run setup ------------------------------------------------------------------------------------
-- The token this installation generated (when SETUP_TOKEN is unset; printed at each start while no
-- user exists) and the claim that lets one setup run at a time. At most one row, deleted once the
-- first admin exists.
create table app_private.setup_state (
  singleton boolean primary key default true check (singleton),
  token text check (char_length(token) >= 16),
  claimed_at timestamptz,
  created_at timestamptz not null default now()
);
alter table app_private.setup_state enable row level security;
grant select, insert, update, delete on app_private.setup_state to service_role;

-- The purge schedule on Supabase: pg_cron asks the sync-run function to enqueue the `org.purge`
-- schedule hourly. Skipped where pg_cron is absent (PGlite, plain PostgreSQL): the in-process worker
-- enqueues the same schedule itself.
do $migration$
begin
  if to_regprocedure('app_private.invoke_job_function(text, jsonb)') is null
     or not exists (select 1 from pg_extension where extname = 'pg_cron') then
    raise notice 'pg_cron not set up: the organization purge schedule is left to the in-process worker';
    return;
  end if;
  execute $ddl$
    select cron.schedule('xeropulse-org-purge', '41 * * * *',
      $$select app_private.invoke_job_function('sync-run', '{"schedules": ["org.purge"]}'::jsonb)$$)
  $ddl$;
end
$migration$;
