-- Dashboards: each organization's list of dashboards (native or Metabase), who may see each one,
-- and a record of every view.

create table public.dashboards (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  -- Stable per organization: 'financial-overview', 'practice', 'procurement', or a Metabase entry's own.
  key text not null check (key ~ '^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$'),
  title text not null check (char_length(title) between 1 and 120),
  description text not null default '' check (char_length(description) <= 500),
  kind text not null check (kind in ('native', 'metabase')),
  -- Which built-in view a native dashboard shows.
  native_view text check (native_view in ('financial', 'practice', 'procurement')),
  metabase_dashboard_id integer check (metabase_dashboard_id > 0),
  enabled boolean not null default true,
  position integer not null default 0 check (position >= 0),
  allowed_roles text[] not null default '{}' check (allowed_roles <@ array['admin', 'executive', 'finance', 'operator', 'staff']::text[]),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint dashboards_kind_target check (
    (kind = 'native' and native_view is not null and metabase_dashboard_id is null)
    or (kind = 'metabase' and metabase_dashboard_id is not null)
  )
);
create unique index dashboards_org_key_idx on public.dashboards (org_id, key);

create trigger dashboards_touch before update on public.dashboards
  for each row execute function app_private.touch_updated_at();

create table public.dashboard_views (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.organizations (id) on delete cascade,
  dashboard_id uuid not null references public.dashboards (id) on delete cascade,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  viewed_at timestamptz not null default now()
);
create index dashboard_views_org_viewed_idx on public.dashboard_views (org_id, viewed_at desc);
create index dashboard_views_dashboard_idx on public.dashboard_views (dashboard_id);
create index dashboard_views_user_idx on public.dashboard_views (user_id);

alter table public.dashboards enable row level security;
alter table public.dashboard_views enable row level security;

-- Every member sees the configuration (which dashboards exist and who may open them); whether the
-- caller may open one is decided per dashboard by its allowed roles, and its data by the data tables'
-- own policies.
create policy dashboards_select on public.dashboards for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.view'))));
create policy dashboards_insert on public.dashboards for insert to authenticated
  with check (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.manage'))));
create policy dashboards_update on public.dashboards for update to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.manage'))))
  with check (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.manage'))));
create policy dashboards_delete on public.dashboards for delete to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.manage'))));

-- A view is recorded by the viewer, for themselves, in an organization whose dashboards they may view.
-- Members see their own views; dashboard managers and auditors see the organization's.
create policy dashboard_views_select on public.dashboard_views for select to authenticated
  using (user_id = (select auth.uid())
         or org_id = any (array(select app_private.current_user_org_ids_with('dashboards.manage')))
         or org_id = any (array(select app_private.current_user_org_ids_with('audit.read'))));
create policy dashboard_views_insert on public.dashboard_views for insert to authenticated
  with check (user_id = (select auth.uid())
              and org_id = any (array(select app_private.current_user_org_ids_with('dashboards.view')))
              and exists (select 1 from public.dashboards d where d.id = dashboard_id and d.org_id = dashboard_views.org_id));

grant select on public.dashboards to authenticated;
grant insert (org_id, key, title, description, kind, native_view, metabase_dashboard_id, enabled, position, allowed_roles)
  on public.dashboards to authenticated;
grant update (title, description, kind, native_view, metabase_dashboard_id, enabled, position, allowed_roles)
  on public.dashboards to authenticated;
grant delete on public.dashboards to authenticated;
grant select, insert (org_id, dashboard_id) on public.dashboard_views to authenticated;
grant select, insert, update, delete on public.dashboards to service_role;
grant select, insert on public.dashboard_views to service_role;

insert into public.audit_actions (action, description) values
  ('dashboards.config_updated', 'Dashboard configuration changed'),
  ('dashboards.embed_issued', 'A signed Metabase embed was issued');
