-- Whether a session is still live: not signed out, not past not_after, its user neither deleted nor
-- banned. The local auth adapter asks this on every request, so that a revoked session is refused
-- from the next request on, not at token expiry. The adapter's own check calls it as the
-- connection role (session_live); the route wrapper's caller gate calls it for the caller inside
-- the transaction it opens as `authenticated` anyway, with org resolution and the MFA gate
-- (caller_session_live), saving a transaction per request.
create function app_private.session_live(p_session_id uuid, p_user_id uuid)
returns boolean language sql stable set search_path = '' as $$
  select exists (
    select 1 from auth.sessions s join auth.users u on u.id = s.user_id
    where s.id = p_session_id and s.user_id = p_user_id
      and (s.not_after is null or s.not_after > now())
      and u.deleted_at is null and (u.banned_until is null or u.banned_until < now()))
$$;
revoke execute on function app_private.session_live(uuid, uuid) from public, anon, authenticated, service_role;

-- The caller's own session (the verified claims' session_id and sub), and nobody else's.
create function app_private.caller_session_live()
returns boolean language sql stable security definer set search_path = '' as $$
  select app_private.session_live(((select auth.jwt()) ->> 'session_id')::uuid, (select auth.uid()))
$$;
revoke execute on function app_private.caller_session_live() from public, anon;
grant execute on function app_private.caller_session_live() to authenticated;
