-- A Xero organisation keeps its books in one base currency, and XeroPulse shows an organization's
-- figures in the organization's currency without converting. A connection remembers its Xero
-- organisation's base currency; one that differs from the organization's waits in
-- `currency_mismatch` (it never syncs) until an admin decides: adopt Xero's currency
-- (`adopt_integration_currency`) or refuse (`disconnect_integration`, as for any connection).

insert into public.audit_actions (action, description) values
  ('integration.currency_adopted', 'Adopted a Xero organisation''s base currency as the organization''s currency');

alter table public.integration_connections
  add column base_currency text check (base_currency ~ '^[A-Z]{3}$');

alter table public.integration_connections drop constraint integration_connections_status_check;
alter table public.integration_connections add constraint integration_connections_status_check
  check (status in ('connected', 'reconnect_required', 'disconnected', 'currency_mismatch'));

-- Replaces the function of 20261122004001_integrations.sql (same signature and grants). p_tenants
-- items may carry `baseCurrency` (Xero organisations do; XPM practices do not): a tenant whose
-- currency differs from the organization's is stored as `currency_mismatch` instead of `connected`.
create or replace function app_private.save_integration_consent(
  p_org_id uuid, p_token_set_id uuid, p_access_enc text, p_refresh_enc text, p_expires_at timestamptz,
  p_scopes text[], p_auth_event_id text, p_tenants jsonb
) returns setof uuid language plpgsql volatile security definer set search_path = '' as $$
declare
  t jsonb;
  conn_id uuid;
  org_currency text;
  tenant_currency text;
  new_status text;
begin
  perform app_private.assert_org_permission(p_org_id, 'integrations.manage');
  if jsonb_typeof(p_tenants) <> 'array' or jsonb_array_length(p_tenants) = 0 then
    raise exception 'Choose at least one organisation to connect' using errcode = 'P0001', hint = 'VALIDATION_FAILED';
  end if;
  select currency into org_currency from public.organizations where id = p_org_id;
  insert into public.integration_token_sets (id, org_id, access_token_enc, refresh_token_enc, expires_at, scopes, auth_event_id)
  values (p_token_set_id, p_org_id, p_access_enc, p_refresh_enc, p_expires_at, coalesce(p_scopes, '{}'), p_auth_event_id);
  for t in select * from jsonb_array_elements(p_tenants) loop
    tenant_currency := upper(nullif(t ->> 'baseCurrency', ''));
    new_status := case when tenant_currency is not null and tenant_currency <> org_currency then 'currency_mismatch' else 'connected' end;
    insert into public.integration_connections as c
      (org_id, provider, tenant_id, tenant_name, xero_connection_id, token_set_id, status, base_currency,
       token_expires_at, token_refreshed_at, connected_by, connected_at, disconnected_at, last_error, last_error_at, paused_until)
    values (p_org_id, t ->> 'provider', t ->> 'tenantId', t ->> 'tenantName', t ->> 'xeroConnectionId', p_token_set_id,
            new_status, tenant_currency, p_expires_at, now(), (select auth.uid()), now(), null, null, null, null)
    on conflict (org_id, provider, tenant_id) do update set
      tenant_name = excluded.tenant_name, xero_connection_id = excluded.xero_connection_id,
      token_set_id = excluded.token_set_id, status = excluded.status,
      base_currency = coalesce(excluded.base_currency, c.base_currency),
      token_expires_at = excluded.token_expires_at,
      token_refreshed_at = excluded.token_refreshed_at, connected_by = excluded.connected_by,
      connected_at = case when c.status = 'connected' then c.connected_at else now() end,
      disconnected_at = null, last_error = null, last_error_at = null, paused_until = null
    returning c.id into conn_id;
    if (select auth.uid()) is not null then
      perform app_private.record_audit_event('integration.connected', p_org_id, 'integration_connection', conn_id::text,
        jsonb_build_object('provider', t ->> 'provider', 'tenantName', t ->> 'tenantName', 'baseCurrency', tenant_currency,
                           'status', new_status));
    end if;
    return next conn_id;
  end loop;
  -- Token sets no connection uses any more (an older consent for the same tenants) are dropped.
  delete from public.integration_token_sets s
  where s.org_id = p_org_id and s.id <> p_token_set_id
    and not exists (select 1 from public.integration_connections c where c.token_set_id = s.id);
end $$;

-- The admin's "use Xero's currency": the organization takes the connection's base currency and the
-- connection starts syncing. Needs integrations.manage and org.manage (the currency is an
-- organization setting). Refused while another live Xero organisation of the organization keeps
-- its books in a different currency: adopting would only move the mismatch there.
create function app_private.adopt_integration_currency(p_connection_id uuid)
returns table (connection_id uuid, currency text, previous_currency text)
language plpgsql volatile security definer set search_path = '' as $$
declare
  conn public.integration_connections;
  old_currency text;
  other_name text;
begin
  select * into conn from public.integration_connections where id = p_connection_id for update;
  if not found or ((select auth.role()) <> 'service_role'
                   and not (conn.org_id = any (array(select app_private.current_user_org_ids())))) then
    raise exception 'Connection not found' using errcode = 'P0001', hint = 'NOT_FOUND';
  end if;
  perform app_private.assert_org_permission(conn.org_id, 'integrations.manage');
  perform app_private.assert_org_permission(conn.org_id, 'org.manage');
  if conn.status <> 'currency_mismatch' or conn.base_currency is null then
    raise exception 'This connection is not waiting for a currency decision' using errcode = 'P0001', hint = 'CONFLICT';
  end if;
  select coalesce(c.tenant_name, c.tenant_id) into other_name from public.integration_connections c
  where c.org_id = conn.org_id and c.id <> conn.id and c.provider = 'xero'
    and c.status in ('connected', 'reconnect_required') and c.base_currency is distinct from conn.base_currency
  limit 1;
  if other_name is not null then
    raise exception '% is also connected and keeps its books in another currency: disconnect it first, or keep the current currency', other_name
      using errcode = 'P0001', hint = 'CONFLICT';
  end if;
  select o.currency into old_currency from public.organizations o where o.id = conn.org_id for update;
  update public.organizations set currency = conn.base_currency where id = conn.org_id;
  -- Every connection that was waiting on this same currency can sync now.
  update public.integration_connections c set status = 'connected'
  where c.org_id = conn.org_id and c.status = 'currency_mismatch' and c.base_currency = conn.base_currency;
  if (select auth.uid()) is not null then
    perform app_private.record_audit_event('integration.currency_adopted', conn.org_id, 'integration_connection', conn.id::text,
      jsonb_build_object('tenantName', conn.tenant_name, 'currency', conn.base_currency, 'previousCurrency', old_currency));
  end if;
  return query select conn.id, conn.base_currency, old_currency;
end $$;

revoke execute on function app_private.adopt_integration_currency(uuid) from public, anon;
grant execute on function app_private.adopt_integration_currency(uuid) to authenticated, service_role;
