-- Admin capability: organization settings, invitations, a billing placeholder, and the guarded
-- database functions through which every membership change goes (permission, rank rules, no
-- self-escalation, last-admin guard, audit event in the same transaction).

-- Organization settings --------------------------------------------------------------------------
alter table public.organizations
  add column alert_warning_pct numeric(5, 1) not null default 75,
  add column alert_critical_pct numeric(5, 1) not null default 90,
  add column alert_over_budget_pct numeric(5, 1) not null default 100,
  add constraint organizations_alert_thresholds_check check (
    alert_warning_pct > 0 and alert_warning_pct < alert_critical_pct
    and alert_critical_pct <= alert_over_budget_pct and alert_over_budget_pct <= 1000);

-- Audit vocabulary of this capability (mirrored by AUDIT_ACTIONS in src/lib/audit-actions.ts).
insert into public.audit_actions (action, description) values
  ('member.invited', 'Invited somebody to the organization'),
  ('member.invitation_resent', 'Sent an invitation again'),
  ('member.invitation_revoked', 'Revoked an invitation'),
  ('member.joined', 'Accepted an invitation and joined'),
  ('member.role_changed', 'Changed a member''s role'),
  ('member.deactivated', 'Deactivated a member'),
  ('member.reactivated', 'Reactivated a member'),
  ('member.removed', 'Removed a member'),
  ('org.updated', 'Changed the organization''s settings'),
  ('audit.exported', 'Exported the audit log');

-- Invitations ---------------------------------------------------------------------------------------
-- Bound to one email; the link carries 32 random bytes and only their SHA-256 is stored here.
create table public.org_invitations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  email text not null check (email = lower(email) and char_length(email) between 3 and 254),
  role text not null references public.roles (role),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  invited_by uuid references auth.users (id) on delete set null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  sent_count integer not null default 1,
  last_sent_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  check (not (accepted_at is not null and revoked_at is not null))
);
create index org_invitations_org_id_created_at_idx on public.org_invitations (org_id, created_at desc);
-- At most one open invitation per organization and email (an expired one is closed when replaced).
create unique index org_invitations_one_pending_idx on public.org_invitations (org_id, email)
  where accepted_at is null and revoked_at is null;

-- Billing placeholder (billing automation is out of scope; the settings page says "not yet").
create table public.subscriptions (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  plan text not null default 'free' check (plan in ('free')),
  status text not null default 'inactive' check (status in ('inactive')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger subscriptions_touch before update on public.subscriptions
  for each row execute function app_private.touch_updated_at();

-- Guards ------------------------------------------------------------------------------------------
-- The caller's active membership of an organization, or NOT_FOUND (its existence is not revealed).
create function app_private.caller_membership(p_org_id uuid)
returns table (role text, rank integer, can_manage boolean)
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
    select m.role, r.rank,
           exists (select 1 from public.role_permissions rp where rp.role = m.role and rp.permission = 'members.manage')
    from public.org_members m join public.roles r on r.role = m.role
    where m.org_id = p_org_id and m.user_id = (select auth.uid()) and m.status = 'active';
  if not found then
    raise exception 'Organization not found' using errcode = 'P0001', hint = 'NOT_FOUND';
  end if;
end $$;

-- Rank rules shared by every change to somebody's membership. Admins manage anybody and assign any
-- role; other managers only members of a lower rank, and only roles below their own. Nobody raises
-- their own role.
create function app_private.assert_may_manage(
  p_org_id uuid, p_target_user uuid, p_target_role text, p_new_role text
) returns void language plpgsql stable security definer set search_path = '' as $$
declare
  caller record;
  target_rank integer := (select rank from public.roles where role = p_target_role);
  new_rank integer := (select rank from public.roles where role = p_new_role);
begin
  select * into caller from app_private.caller_membership(p_org_id);
  if not caller.can_manage then
    raise exception 'You do not have permission to manage members' using errcode = 'P0001', hint = 'FORBIDDEN';
  end if;
  if p_new_role is not null and new_rank is null then
    raise exception 'Unknown role' using errcode = 'P0001', hint = 'VALIDATION_FAILED';
  end if;
  if p_target_user = (select auth.uid()) then
    if new_rank is not null and new_rank > caller.rank then
      raise exception 'You cannot raise your own role' using errcode = 'P0001', hint = 'FORBIDDEN';
    end if;
    return;
  end if;
  if caller.role = 'admin' then
    return;
  end if;
  if target_rank is not null and target_rank >= caller.rank then
    raise exception 'You can only manage members of a lower rank than yours' using errcode = 'P0001', hint = 'FORBIDDEN';
  end if;
  if new_rank is not null and new_rank >= caller.rank then
    raise exception 'You can only assign roles below your own' using errcode = 'P0001', hint = 'FORBIDDEN';
  end if;
end $$;

-- The membership row (locked), or NOT_FOUND.
create function app_private.lock_member(p_org_id uuid, p_user_id uuid)
returns public.org_members language plpgsql volatile security definer set search_path = '' as $$
declare
  member public.org_members;
begin
  select * into member from public.org_members where org_id = p_org_id and user_id = p_user_id for update;
  if not found then
    raise exception 'Member not found' using errcode = 'P0001', hint = 'NOT_FOUND';
  end if;
  return member;
end $$;

-- Refuses a change that would leave the organization without an active admin. The admins are
-- locked first, so two concurrent demotions of the last two admins cannot both pass.
create function app_private.assert_not_last_admin(p_org_id uuid, p_user_id uuid)
returns void language plpgsql volatile security definer set search_path = '' as $$
begin
  perform 1 from public.org_members where org_id = p_org_id and role = 'admin' and status = 'active' for update;
  if not exists (select 1 from public.org_members
                 where org_id = p_org_id and role = 'admin' and status = 'active' and user_id <> p_user_id) then
    raise exception 'An organization needs at least one active admin' using errcode = 'P0001', hint = 'CONFLICT';
  end if;
end $$;

-- The same rule as a deferred constraint trigger, so no path (not even the service role) can leave
-- an organization without an admin. Skipped when the organization itself is being deleted.
create function app_private.check_org_keeps_admin()
returns trigger language plpgsql security definer set search_path = '' as $$
begin
  if old.role = 'admin' and old.status = 'active'
     and exists (select 1 from public.organizations where id = old.org_id)
     and not exists (select 1 from public.org_members where org_id = old.org_id and role = 'admin' and status = 'active') then
    raise exception 'An organization needs at least one active admin' using errcode = 'P0001', hint = 'CONFLICT';
  end if;
  return null;
end $$;
create constraint trigger org_members_keep_admin
  after update or delete on public.org_members
  deferrable initially deferred
  for each row execute function app_private.check_org_keeps_admin();

create function app_private.change_member_role(p_org_id uuid, p_user_id uuid, p_role text)
returns public.org_members language plpgsql volatile security definer set search_path = '' as $$
declare
  target public.org_members := app_private.lock_member(p_org_id, p_user_id);
  updated public.org_members;
begin
  perform app_private.assert_may_manage(p_org_id, p_user_id, target.role, p_role);
  if target.role = p_role then
    return target;
  end if;
  if target.role = 'admin' and target.status = 'active' then
    perform app_private.assert_not_last_admin(p_org_id, p_user_id);
  end if;
  update public.org_members set role = p_role where org_id = p_org_id and user_id = p_user_id returning * into updated;
  perform app_private.record_audit_event('member.role_changed', p_org_id, 'user', p_user_id::text,
                                         jsonb_build_object('from', target.role, 'to', p_role));
  return updated;
end $$;

create function app_private.set_member_status(p_org_id uuid, p_user_id uuid, p_status text)
returns public.org_members language plpgsql volatile security definer set search_path = '' as $$
declare
  target public.org_members := app_private.lock_member(p_org_id, p_user_id);
  updated public.org_members;
begin
  if p_status not in ('active', 'deactivated') then
    raise exception 'Unknown status' using errcode = 'P0001', hint = 'VALIDATION_FAILED';
  end if;
  perform app_private.assert_may_manage(p_org_id, p_user_id, target.role, null);
  if target.status = p_status then
    return target;
  end if;
  if p_status = 'deactivated' and target.role = 'admin' then
    perform app_private.assert_not_last_admin(p_org_id, p_user_id);
  end if;
  -- Written first: a member deactivating themselves is no longer a member afterwards.
  perform app_private.record_audit_event(
    case p_status when 'active' then 'member.reactivated' else 'member.deactivated' end,
    p_org_id, 'user', p_user_id::text, jsonb_build_object('role', target.role));
  update public.org_members set status = p_status where org_id = p_org_id and user_id = p_user_id returning * into updated;
  return updated;
end $$;

create function app_private.remove_member(p_org_id uuid, p_user_id uuid)
returns void language plpgsql volatile security definer set search_path = '' as $$
declare
  target public.org_members := app_private.lock_member(p_org_id, p_user_id);
begin
  perform app_private.assert_may_manage(p_org_id, p_user_id, target.role, null);
  if target.role = 'admin' and target.status = 'active' then
    perform app_private.assert_not_last_admin(p_org_id, p_user_id);
  end if;
  perform app_private.record_audit_event('member.removed', p_org_id, 'user', p_user_id::text,
                                         jsonb_build_object('role', target.role, 'status', target.status));
  delete from public.org_members where org_id = p_org_id and user_id = p_user_id;
end $$;

-- Invitations: the service makes the token and passes only its hash. Rate limits live in the
-- service (they need a Retry-After), the rules that protect the organization live here.
create function app_private.create_invitation(
  p_org_id uuid, p_email text, p_role text, p_token_hash text, p_expires_at timestamptz
) returns public.org_invitations language plpgsql volatile security definer set search_path = '' as $$
declare
  normalized text := lower(trim(p_email));
  created public.org_invitations;
begin
  perform app_private.assert_may_manage(p_org_id, null, null, p_role);
  if p_role is null then
    raise exception 'Unknown role' using errcode = 'P0001', hint = 'VALIDATION_FAILED';
  end if;
  if exists (select 1 from public.org_members m join public.user_profiles p on p.user_id = m.user_id
             where m.org_id = p_org_id and lower(p.email) = normalized) then
    raise exception 'That person is already a member of this organization' using errcode = 'P0001', hint = 'CONFLICT';
  end if;
  -- An expired invitation no longer counts as pending: close it so the new one can take its place.
  update public.org_invitations set revoked_at = now()
  where org_id = p_org_id and email = normalized and accepted_at is null and revoked_at is null and expires_at <= now();
  if exists (select 1 from public.org_invitations
             where org_id = p_org_id and email = normalized and accepted_at is null and revoked_at is null) then
    raise exception 'That email already has a pending invitation; resend it instead' using errcode = 'P0001', hint = 'CONFLICT';
  end if;
  insert into public.org_invitations (org_id, email, role, token_hash, invited_by, expires_at)
  values (p_org_id, normalized, p_role, p_token_hash, (select auth.uid()), p_expires_at)
  returning * into created;
  perform app_private.record_audit_event('member.invited', p_org_id, 'invitation', created.id::text,
                                         jsonb_build_object('email', normalized, 'role', p_role));
  return created;
end $$;

-- A pending invitation of the organization (locked), or NOT_FOUND / CONFLICT.
create function app_private.lock_pending_invitation(p_org_id uuid, p_invitation_id uuid)
returns public.org_invitations language plpgsql volatile security definer set search_path = '' as $$
declare
  inv public.org_invitations;
begin
  select * into inv from public.org_invitations where id = p_invitation_id and org_id = p_org_id for update;
  if not found then
    raise exception 'Invitation not found' using errcode = 'P0001', hint = 'NOT_FOUND';
  end if;
  if inv.accepted_at is not null or inv.revoked_at is not null then
    raise exception 'That invitation is no longer pending' using errcode = 'P0001', hint = 'CONFLICT';
  end if;
  return inv;
end $$;

create function app_private.resend_invitation(
  p_org_id uuid, p_invitation_id uuid, p_token_hash text, p_expires_at timestamptz
) returns public.org_invitations language plpgsql volatile security definer set search_path = '' as $$
declare
  inv public.org_invitations := app_private.lock_pending_invitation(p_org_id, p_invitation_id);
  updated public.org_invitations;
begin
  perform app_private.assert_may_manage(p_org_id, null, null, inv.role);
  -- A new token: the old link stops working, so a leaked earlier email is useless.
  update public.org_invitations
  set token_hash = p_token_hash, expires_at = p_expires_at, sent_count = sent_count + 1, last_sent_at = now()
  where id = p_invitation_id returning * into updated;
  perform app_private.record_audit_event('member.invitation_resent', p_org_id, 'invitation', p_invitation_id::text,
                                         jsonb_build_object('email', inv.email, 'role', inv.role));
  return updated;
end $$;

create function app_private.revoke_invitation(p_org_id uuid, p_invitation_id uuid)
returns public.org_invitations language plpgsql volatile security definer set search_path = '' as $$
declare
  inv public.org_invitations := app_private.lock_pending_invitation(p_org_id, p_invitation_id);
  updated public.org_invitations;
begin
  perform app_private.assert_may_manage(p_org_id, null, null, inv.role);
  update public.org_invitations set revoked_at = now() where id = p_invitation_id returning * into updated;
  perform app_private.record_audit_event('member.invitation_revoked', p_org_id, 'invitation', p_invitation_id::text,
                                         jsonb_build_object('email', inv.email, 'role', inv.role));
  return updated;
end $$;

-- Acceptance by the signed-in invitee, in one transaction: the invitation row is locked, so of two
-- simultaneous accepts one creates the membership and the other sees it already accepted.
create function app_private.accept_invitation(p_token_hash text)
returns public.org_members language plpgsql volatile security definer set search_path = '' as $$
declare
  inv public.org_invitations;
  caller_email text := lower((select auth.jwt()) ->> 'email');
  created public.org_members;
begin
  if (select auth.uid()) is null then
    raise exception 'Sign in to accept the invitation' using errcode = 'P0001', hint = 'UNAUTHORIZED';
  end if;
  select * into inv from public.org_invitations where token_hash = p_token_hash for update;
  if not found then
    raise exception 'This invitation link is not valid' using errcode = 'P0001', hint = 'INVALID_TOKEN';
  end if;
  if inv.revoked_at is not null then
    raise exception 'This invitation was revoked' using errcode = 'P0001', hint = 'INVITE_REVOKED';
  end if;
  if inv.accepted_at is not null then
    raise exception 'This invitation was already accepted' using errcode = 'P0001', hint = 'INVITE_ACCEPTED';
  end if;
  if inv.expires_at <= now() then
    raise exception 'This invitation has expired' using errcode = 'P0001', hint = 'INVITE_EXPIRED';
  end if;
  if caller_email is distinct from inv.email then
    raise exception 'This invitation was sent to another email address' using errcode = 'P0001', hint = 'INVITE_EMAIL_MISMATCH';
  end if;
  if exists (select 1 from public.org_members where org_id = inv.org_id and user_id = (select auth.uid())) then
    raise exception 'You are already a member of this organization' using errcode = 'P0001', hint = 'ALREADY_MEMBER';
  end if;
  insert into public.org_members (org_id, user_id, role) values (inv.org_id, (select auth.uid()), inv.role)
  returning * into created;
  update public.org_invitations set accepted_at = now(), accepted_by = (select auth.uid()) where id = inv.id;
  perform app_private.record_audit_event('member.joined', inv.org_id, 'invitation', inv.id::text,
                                         jsonb_build_object('email', inv.email, 'role', inv.role));
  return created;
end $$;

-- The public view of an invitation by its token (the /invite page, signed out): no org id, no
-- inviter, nothing else about the organization.
create function app_private.invitation_by_token(p_token_hash text)
returns table (org_name text, org_slug text, email text, role text, state text, account_exists boolean)
language sql stable security definer set search_path = '' as $$
  select o.name, o.slug, i.email, i.role,
         case when i.revoked_at is not null then 'revoked'
              when i.accepted_at is not null then 'accepted'
              when i.expires_at <= now() then 'expired'
              else 'pending' end,
         exists (select 1 from public.user_profiles p where lower(p.email) = i.email)
  from public.org_invitations i join public.organizations o on o.id = i.org_id
  where i.token_hash = p_token_hash
$$;

revoke execute on all functions in schema app_private from public, anon;
grant execute on function app_private.caller_membership(uuid) to authenticated;
grant execute on function app_private.assert_may_manage(uuid, uuid, text, text) to authenticated;
grant execute on function app_private.change_member_role(uuid, uuid, text) to authenticated;
grant execute on function app_private.set_member_status(uuid, uuid, text) to authenticated;
grant execute on function app_private.remove_member(uuid, uuid) to authenticated;
grant execute on function app_private.create_invitation(uuid, text, text, text, timestamptz) to authenticated;
grant execute on function app_private.resend_invitation(uuid, uuid, text, timestamptz) to authenticated;
grant execute on function app_private.revoke_invitation(uuid, uuid) to authenticated;
grant execute on function app_private.accept_invitation(text) to authenticated;
grant execute on function app_private.invitation_by_token(text) to service_role;

-- Row-level security --------------------------------------------------------------------------------
alter table public.org_invitations enable row level security;
alter table public.subscriptions enable row level security;

-- Invitations are read by those who may read members; every change goes through the functions above.
create policy org_invitations_select on public.org_invitations for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('members.read'))));

create policy subscriptions_select on public.subscriptions for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('org.manage'))));

-- Grants: the token hash is never readable through an API role.
grant select (id, org_id, email, role, invited_by, expires_at, accepted_at, accepted_by, revoked_at,
              sent_count, last_sent_at, created_at) on public.org_invitations to authenticated;
grant select on public.subscriptions to authenticated;
grant update (slug, alert_warning_pct, alert_critical_pct, alert_over_budget_pct) on public.organizations to authenticated;

grant select, insert, update, delete on public.org_invitations, public.subscriptions to service_role;

-- Outgoing mail: delivery attempts of the real transport.
alter table app_private.email_messages
  add column attempts integer not null default 0,
  add column updated_at timestamptz;

-- Colleagues' profiles: the foundation's policy compared each profile with the array of every
-- colleague id (linear per row: 5,000 members made the Users page 2–3× slower than its floor). An
-- index probe per row through org_members(user_id) costs the same at any organization size.
drop policy user_profiles_select on public.user_profiles;
create policy user_profiles_select on public.user_profiles for select to authenticated
  using (user_id = (select auth.uid())
         or exists (select 1 from public.org_members m
                    where m.user_id = user_profiles.user_id
                      and m.org_id = any (array(select app_private.current_user_org_ids()))));
