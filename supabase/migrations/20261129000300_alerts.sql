-- Utilization alerts on purchase orders (docs/alerts.md).
--
--   * alerts: at most one not-resolved alert per PO (a unique partial index), open → acknowledged →
--     resolved, its current level (on_track while it recovers), the highest level it reached (an
--     email goes out only when the level rises above it), the utilization when opened and now, a
--     below-warning streak for the hysteresis, and whether it is a regression of a resolved one.
--   * alert_events: the timeline (opened, reopened, escalated, de_escalated, acknowledged, resolved).
--   * alert_notifications: the escalation emails to send, one row per alert, level and recipient
--     (the dedupe key), recorded by the evaluation in its transaction and delivered by the Node side
--     (React Email needs Node), grouped into one digest per recipient when an evaluation escalates
--     more than 10 POs.
--   * notification_preferences: a member's opt-out of alert emails, per organization.
--
-- Who writes what: the `alerts.evaluate` job (service role) writes alerts, events and notifications;
-- members with `alerts.acknowledge` acknowledge through app_private.acknowledge_alerts, which writes
-- the event and the audit event in the same transaction; members read with `alerts.read`; each
-- member writes only their own notification preferences.

insert into public.audit_actions (action, description) values
  ('alert.acknowledged', 'Acknowledged a budget alert');

create table public.alerts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  po_id uuid not null,
  -- The PO's level at the last evaluation; on_track while a recovering alert waits out the hysteresis.
  level text not null check (level in ('on_track', 'warning', 'critical', 'over_budget')),
  -- The highest level the alert reached: escalation emails go out only above it (one per level).
  peak_level text not null check (peak_level in ('warning', 'critical', 'over_budget')),
  opened_level text not null check (opened_level in ('warning', 'critical', 'over_budget')),
  status text not null default 'open' check (status in ('open', 'acknowledged', 'resolved')),
  -- A new alert of a PO whose previous alert had been resolved (Sentry's "regressed").
  regression boolean not null default false,
  previous_alert_id uuid references public.alerts (id) on delete set null,
  -- spent ÷ order value × 100 (2 decimals); null when the order value is 0.
  opened_utilization numeric,
  utilization_percent numeric,
  -- Consecutive evaluations below warning; the alert resolves at the second.
  below_warning_streak smallint not null default 0 check (below_warning_streak >= 0),
  acknowledged_by uuid references auth.users (id) on delete set null,
  acknowledged_at timestamptz,
  acknowledged_level text check (acknowledged_level in ('on_track', 'warning', 'critical', 'over_budget')),
  note text check (char_length(note) <= 1000),
  opened_at timestamptz not null default now(),
  last_escalated_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_reason text check (resolved_reason in ('recovered', 'po_closed')),
  updated_at timestamptz not null default now(),
  constraint alerts_org_id_key unique (org_id, id),
  constraint alerts_po_fkey foreign key (org_id, po_id) references public.purchase_orders (org_id, id) on delete cascade,
  constraint alerts_resolved_check check ((status = 'resolved') = (resolved_at is not null))
);
-- The dedupe key of the lifecycle: one alert per PO until it resolves.
create unique index alerts_one_active_per_po_idx on public.alerts (po_id) where status <> 'resolved';
-- The list: newest escalation first, and the evaluation's join of the active alerts.
create index alerts_org_escalated_idx on public.alerts (org_id, last_escalated_at desc, id);
create index alerts_org_active_idx on public.alerts (org_id) include (po_id) where status <> 'resolved';
-- A PO's history (regressions, the PO page).
create index alerts_po_idx on public.alerts (po_id, opened_at desc);

create table public.alert_events (
  id bigint generated always as identity primary key,
  org_id uuid not null,
  alert_id uuid not null,
  kind text not null check (kind in ('opened', 'reopened', 'escalated', 'de_escalated', 'acknowledged', 'resolved')),
  from_level text check (from_level in ('on_track', 'warning', 'critical', 'over_budget')),
  to_level text check (to_level in ('on_track', 'warning', 'critical', 'over_budget')),
  utilization_percent numeric,
  -- The member who acknowledged; null for the evaluation.
  actor_user_id uuid references auth.users (id) on delete set null,
  note text check (char_length(note) <= 1000),
  -- resolved: why (recovered, po_closed); reopened: the previous alert.
  detail jsonb not null default '{}'::jsonb,
  -- The evaluation that wrote it (a job id, or the demo seed's run).
  evaluation_id uuid,
  created_at timestamptz not null default now(),
  foreign key (org_id, alert_id) references public.alerts (org_id, id) on delete cascade
);
create index alert_events_alert_idx on public.alert_events (alert_id, id);

create table public.alert_notifications (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  alert_id uuid not null,
  po_id uuid not null,
  -- The level the PO rose into, and from where (on_track for a new alert).
  level text not null check (level in ('warning', 'critical', 'over_budget')),
  from_level text not null check (from_level in ('on_track', 'warning', 'critical', 'over_budget')),
  user_id uuid not null references auth.users (id) on delete cascade,
  -- The figures at the evaluation, so the email says what caused it even if it is sent later.
  utilization_percent numeric,
  order_value numeric(14, 2) not null,
  spent numeric(18, 2) not null,
  evaluation_id uuid not null,
  -- Part of a digest: the evaluation escalated more than 10 POs, so each recipient gets one email.
  digest boolean not null default false,
  status text not null default 'pending' check (status in ('pending', 'sent', 'skipped')),
  -- The email's idempotency key (app_private.email_messages) once sent.
  email_key text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  foreign key (org_id, alert_id) references public.alerts (org_id, id) on delete cascade,
  -- The dedupe key: at most one email per PO and level for an alert, per recipient.
  constraint alert_notifications_dedupe_key unique (alert_id, level, user_id)
);
create index alert_notifications_pending_idx on public.alert_notifications (org_id, created_at) where status = 'pending';

create table public.notification_preferences (
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  alert_emails boolean not null default true,
  updated_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
create index notification_preferences_user_idx on public.notification_preferences (user_id);
create trigger notification_preferences_touch before update on public.notification_preferences
  for each row execute function app_private.touch_updated_at();

-- Acknowledge ------------------------------------------------------------------------------------
-- Acknowledges alerts of one organization as the caller, all or nothing: an unknown id (or one of
-- another organization) is NOT_FOUND, a resolved alert is CONFLICT, an acknowledged one is left as
-- it was (acknowledging is idempotent). Each newly acknowledged alert gets its timeline event and
-- its audit event in this transaction.
create function app_private.acknowledge_alerts(p_org_id uuid, p_alert_ids uuid[], p_note text)
returns setof public.alerts language plpgsql volatile security definer set search_path = '' as $$
declare
  found_count integer;
  target public.alerts;
  po_number text;
  clean_note text := nullif(btrim(coalesce(p_note, '')), '');
begin
  if (select auth.uid()) is null then
    raise exception 'Sign in to acknowledge alerts' using errcode = 'P0001', hint = 'UNAUTHORIZED';
  end if;
  perform app_private.assert_org_permission(p_org_id, 'alerts.acknowledge');
  if coalesce(cardinality(p_alert_ids), 0) = 0 then
    raise exception 'Choose at least one alert' using errcode = 'P0001', hint = 'VALIDATION_FAILED';
  end if;
  if char_length(clean_note) > 1000 then
    raise exception 'The note is longer than 1000 characters' using errcode = 'P0001', hint = 'VALIDATION_FAILED';
  end if;
  -- Locked in id order, so two bulk acknowledgements of overlapping sets cannot deadlock.
  perform 1 from public.alerts a where a.org_id = p_org_id and a.id = any (p_alert_ids) order by a.id for update;
  select count(*) into found_count from public.alerts a where a.org_id = p_org_id and a.id = any (p_alert_ids);
  if found_count <> (select count(distinct x) from unnest(p_alert_ids) x) then
    raise exception 'Alert not found' using errcode = 'P0001', hint = 'NOT_FOUND';
  end if;
  if exists (select 1 from public.alerts a where a.org_id = p_org_id and a.id = any (p_alert_ids) and a.status = 'resolved') then
    raise exception 'A resolved alert cannot be acknowledged' using errcode = 'P0001', hint = 'CONFLICT';
  end if;
  for target in
    update public.alerts a
       set status = 'acknowledged', acknowledged_by = (select auth.uid()), acknowledged_at = now(),
           acknowledged_level = a.level, note = clean_note, updated_at = now()
     where a.org_id = p_org_id and a.id = any (p_alert_ids) and a.status = 'open'
    returning a.*
  loop
    insert into public.alert_events (org_id, alert_id, kind, from_level, to_level, utilization_percent, actor_user_id, note)
    values (p_org_id, target.id, 'acknowledged', target.level, target.level, target.utilization_percent, (select auth.uid()), clean_note);
    select p.po_number into po_number from public.purchase_orders p where p.id = target.po_id;
    perform app_private.record_audit_event('alert.acknowledged', p_org_id, 'alert', target.id::text,
      jsonb_build_object('poNumber', po_number, 'level', target.level, 'utilizationPercent', target.utilization_percent, 'note', clean_note));
  end loop;
  return query select a.* from public.alerts a where a.org_id = p_org_id and a.id = any (p_alert_ids) order by a.id;
end $$;

revoke execute on function app_private.acknowledge_alerts(uuid, uuid[], text) from public, anon;
grant execute on function app_private.acknowledge_alerts(uuid, uuid[], text) to authenticated;

-- Row-level security -----------------------------------------------------------------------------
alter table public.alerts enable row level security;
alter table public.alert_events enable row level security;
alter table public.alert_notifications enable row level security;
alter table public.notification_preferences enable row level security;

create policy alerts_select on public.alerts for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('alerts.read'))));
create policy alert_events_select on public.alert_events for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('alerts.read'))));
-- Who was emailed about an alert is part of its story (the detail page); no API role writes these.
create policy alert_notifications_select on public.alert_notifications for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('alerts.read'))));

-- A member's own preferences, in an organization they are an active member of.
create policy notification_preferences_select on public.notification_preferences for select to authenticated
  using (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids())));
create policy notification_preferences_insert on public.notification_preferences for insert to authenticated
  with check (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids())));
create policy notification_preferences_update on public.notification_preferences for update to authenticated
  using (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids())))
  with check (user_id = (select auth.uid()) and org_id = any (array(select app_private.current_user_org_ids())));

grant select on public.alerts, public.alert_events, public.alert_notifications to authenticated;
grant select, insert (org_id, user_id, alert_emails), update (alert_emails) on public.notification_preferences to authenticated;
grant select, insert, update, delete on public.alerts, public.alert_events, public.alert_notifications,
  public.notification_preferences to service_role;

-- On Supabase, pg_cron asks the app to deliver recorded alert emails every minute (the Edge Function
-- records them; rendering the React Email templates needs the Node app). Needs the Vault secrets of
-- 20261122001001_job_schedules.sql plus the app's URL:
--   select vault.create_secret('https://<your app>', 'app_url');
-- Skipped where pg_cron, pg_net or Vault are absent (PGlite, plain PostgreSQL): there the in-process
-- worker delivers them right after each evaluation.
do $migration$
begin
  if to_regprocedure('app_private.invoke_job_function(text, jsonb)') is null
     or not exists (select 1 from pg_extension where extname = 'pg_cron') then
    raise notice 'pg_cron not set up: alert emails are delivered by the in-process worker';
    return;
  end if;
  execute $ddl$
    create or replace function app_private.deliver_alert_emails()
    returns bigint language sql volatile set search_path = '' as $fn$
      select net.http_post(
        url := (select decrypted_secret from vault.decrypted_secrets where name = 'app_url') || '/api/alerts/deliver',
        headers := jsonb_build_object(
          'Content-Type', 'application/json',
          'Authorization', 'Bearer ' || (select decrypted_secret from vault.decrypted_secrets where name = 'jobs_cron_secret')),
        body := '{}'::jsonb,
        timeout_milliseconds := 5000)
    $fn$;
    revoke execute on function app_private.deliver_alert_emails() from public, anon, authenticated;
  $ddl$;
  execute $ddl$
    select cron.schedule('xeropulse-alert-emails', '* * * * *', $$select app_private.deliver_alert_emails()$$)
  $ddl$;
end
$migration$;
