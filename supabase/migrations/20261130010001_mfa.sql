-- Two-factor sign-in (TOTP): the per-organization policy, recovery codes, the audit vocabulary,
-- and the database-level refusal of privileged changes by a session that has not proved a second
-- factor when the organization requires one for the caller's role. The factor tables themselves
-- are GoTrue's (auth.mfa_factors, auth.mfa_challenges, auth.mfa_amr_claims): Supabase Auth owns
-- them on a Supabase project; supabase/local recreates them for the local adapter.

-- Policy: the roles that must sign in with two factors. New organizations require it of admins;
-- the demo seed sets its organizations to none so the README's logins keep working.
alter table public.organizations
  add column mfa_required_roles text[] not null default '{admin}',
  add constraint organizations_mfa_required_roles_check
    check (mfa_required_roles <@ array['admin', 'executive', 'finance', 'operator', 'staff']::text[]);
grant update (mfa_required_roles) on public.organizations to authenticated;

insert into public.audit_actions (action, description) values
  ('mfa.enrolled', 'Added a two-factor authenticator'),
  ('mfa.verify_failed', 'A two-factor code was wrong'),
  ('mfa.locked', 'Two-factor sign-in locked after repeated wrong codes'),
  ('mfa.factor_removed', 'Removed a two-factor authenticator'),
  ('mfa.recovery_code_used', 'Signed in with a recovery code'),
  ('mfa.recovery_codes_regenerated', 'Generated new recovery codes'),
  ('mfa.reset_by_admin', 'Reset a member''s two-factor authenticators'),
  ('mfa.policy_updated', 'Changed which roles must use two-factor sign-in');

-- Recovery codes: only an HMAC of each is kept; a used code keeps its row (used_at) so the count
-- of remaining codes is honest. Private: reached only by the MFA service as the service role.
create table app_private.mfa_recovery_codes (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  used_at timestamptz,
  unique (user_id, code_hash)
);
alter table app_private.mfa_recovery_codes enable row level security;
grant select, insert, update, delete on app_private.mfa_recovery_codes to service_role;

-- Guards ------------------------------------------------------------------------------------------
-- Whether a user has a verified factor (auth.mfa_factors is not readable by the API roles).
create function app_private.user_has_verified_factor(p_user_id uuid)
returns boolean language sql stable security definer set search_path = '' as $$
  select exists (select 1 from auth.mfa_factors f where f.user_id = p_user_id and f.status = 'verified')
$$;

-- Whether the organization requires two factors of the caller's role there (any of the caller's
-- organizations when p_org_id is null).
create function app_private.caller_mfa_required(p_org_id uuid)
returns boolean language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.org_members m
    join public.organizations o on o.id = m.org_id and o.deleted_at is null
    where m.user_id = (select auth.uid()) and m.status = 'active'
      and (p_org_id is null or m.org_id = p_org_id)
      and m.role = any (o.mfa_required_roles))
$$;

-- True when the caller's session satisfies the organization's policy: an aal2 JWT, or a role the
-- organization does not require two factors of. Used by restrictive policies.
create function app_private.caller_meets_mfa_policy(p_org_id uuid)
returns boolean language sql stable security definer set search_path = '' as $$
  select (select auth.role()) = 'service_role'
      or coalesce((select auth.jwt()) ->> 'aal', 'aal1') = 'aal2'
      or not app_private.caller_mfa_required(p_org_id)
$$;

-- The same as an error the API maps to its code: MFA_REQUIRED when the caller has a factor and must
-- answer its challenge, MFA_ENROLLMENT_REQUIRED when they have none yet.
create function app_private.assert_mfa_satisfied(p_org_id uuid)
returns void language plpgsql stable security definer set search_path = '' as $$
begin
  if app_private.caller_meets_mfa_policy(p_org_id) then
    return;
  end if;
  if app_private.user_has_verified_factor((select auth.uid())) then
    raise exception 'Verify your sign-in with your authenticator app first' using errcode = 'P0001', hint = 'MFA_REQUIRED';
  end if;
  raise exception 'Set up two-factor sign-in first: your organization requires it for your role'
    using errcode = 'P0001', hint = 'MFA_ENROLLMENT_REQUIRED';
end $$;

-- Member management: every guarded change (role, status, removal, invitations) starts here.
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
  perform app_private.assert_mfa_satisfied(p_org_id);
end $$;

-- Integrations and organization settings: the privileged permissions also need the second factor.
create or replace function app_private.assert_org_permission(p_org_id uuid, p_permission text)
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
  if p_permission in ('org.manage', 'integrations.manage', 'members.manage') then
    perform app_private.assert_mfa_satisfied(p_org_id);
  end if;
end $$;

-- Direct writes through RLS: restrictive policies are ANDed with the permissive ones.
create policy organizations_update_mfa on public.organizations as restrictive for update to authenticated
  using (app_private.caller_meets_mfa_policy(id)) with check (app_private.caller_meets_mfa_policy(id));
create policy integration_oauth_states_insert_mfa on public.integration_oauth_states as restrictive for insert to authenticated
  with check (app_private.caller_meets_mfa_policy(org_id));
create policy integration_oauth_states_update_mfa on public.integration_oauth_states as restrictive for update to authenticated
  using (app_private.caller_meets_mfa_policy(org_id)) with check (app_private.caller_meets_mfa_policy(org_id));
create policy integration_oauth_states_delete_mfa on public.integration_oauth_states as restrictive for delete to authenticated
  using (app_private.caller_meets_mfa_policy(org_id));

-- Members of an organization without a verified factor (for the home page's nudge); org.manage or
-- members.read only.
create function app_private.count_members_without_factor(p_org_id uuid)
returns integer language plpgsql stable security definer set search_path = '' as $$
begin
  if not (p_org_id = any (array(select app_private.current_user_org_ids_with('members.read')))) then
    raise exception 'Organization not found' using errcode = 'P0001', hint = 'NOT_FOUND';
  end if;
  return (select count(*)::integer from public.org_members m
          where m.org_id = p_org_id and m.status = 'active'
            and not exists (select 1 from auth.mfa_factors f where f.user_id = m.user_id and f.status = 'verified'));
end $$;

revoke execute on function app_private.user_has_verified_factor(uuid) from public, anon;
revoke execute on function app_private.caller_mfa_required(uuid) from public, anon;
revoke execute on function app_private.caller_meets_mfa_policy(uuid) from public, anon;
revoke execute on function app_private.assert_mfa_satisfied(uuid) from public, anon;
revoke execute on function app_private.count_members_without_factor(uuid) from public, anon;
grant execute on function app_private.user_has_verified_factor(uuid) to authenticated, service_role;
grant execute on function app_private.caller_mfa_required(uuid) to authenticated, service_role;
grant execute on function app_private.caller_meets_mfa_policy(uuid) to authenticated, service_role;
grant execute on function app_private.assert_mfa_satisfied(uuid) to authenticated, service_role;
grant execute on function app_private.count_members_without_factor(uuid) to authenticated;

-- An admin's reset of another member's factors: the rank rules of every membership change (through
-- caller_membership, so the caller's own session must meet the policy), audited in the same
-- transaction. The factors themselves are removed by the auth service afterwards.
create function app_private.authorize_mfa_reset(p_org_id uuid, p_user_id uuid)
returns void language plpgsql volatile security definer set search_path = '' as $$
declare
  target public.org_members := app_private.lock_member(p_org_id, p_user_id);
begin
  if p_user_id = (select auth.uid()) then
    raise exception 'Manage your own authenticators on your profile page' using errcode = 'P0001', hint = 'FORBIDDEN';
  end if;
  perform app_private.assert_may_manage(p_org_id, p_user_id, target.role, null);
  perform app_private.record_audit_event('mfa.reset_by_admin', p_org_id, 'user', p_user_id::text,
                                         jsonb_build_object('role', target.role));
end $$;
revoke execute on function app_private.authorize_mfa_reset(uuid, uuid) from public, anon;
grant execute on function app_private.authorize_mfa_reset(uuid, uuid) to authenticated;
