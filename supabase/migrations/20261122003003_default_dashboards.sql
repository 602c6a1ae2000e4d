-- Every organization starts with the native dashboards: created with the organization (trigger) and
-- backfilled for the organizations that exist already. Idempotent per organization.

create function app_private.create_default_dashboards(p_org_id uuid)
returns void language sql volatile set search_path = '' as $$
  insert into public.dashboards (org_id, key, title, description, kind, native_view, position, allowed_roles)
  values
    (p_org_id, 'financial-overview', 'Financial overview', 'Revenue, expenses, receivables aging, cash received and DSO',
     'native', 'financial', 0, array['admin', 'executive', 'finance']),
    (p_org_id, 'practice', 'Practice', 'Work in progress, utilization and job budgets',
     'native', 'practice', 1, array['admin', 'executive', 'finance', 'staff']),
    (p_org_id, 'procurement', 'Procurement', 'Purchase orders and quantity surveys',
     'native', 'procurement', 2, array['admin', 'executive', 'finance', 'operator'])
  on conflict (org_id, key) do nothing
$$;

create function app_private.organization_default_dashboards()
returns trigger language plpgsql set search_path = '' as $$
begin
  perform app_private.create_default_dashboards(new.id);
  return new;
end $$;

create trigger organizations_default_dashboards after insert on public.organizations
  for each row execute function app_private.organization_default_dashboards();

select app_private.create_default_dashboards(id) from public.organizations;

-- Organizations are created by the connection role or the service role; neither API role calls these.
revoke execute on function app_private.create_default_dashboards(uuid) from public, anon;
revoke execute on function app_private.organization_default_dashboards() from public, anon;
grant execute on function app_private.create_default_dashboards(uuid) to service_role;
