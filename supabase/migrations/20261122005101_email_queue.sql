-- Email goes out through the job queue (`email.send`): a request stores the rendered message and
-- enqueues its delivery in one transaction, so it never waits on the provider and a message
-- survives a restart. The outbox transport keeps messages here; admins read their organization's
-- through app_private.org_outbox when a production build has no mail provider.

-- Deployment-level jobs. Delivering an email is not an organization's work (a password reset
-- belongs to a user, who may be in no organization), so `email.send` jobs carry no org_id: the
-- members' policy (`org_id = any(…)`) never shows them to anyone, and only the runners touch them.
alter table public.jobs alter column org_id drop not null;
-- The idempotency key of a deployment-level job: the table's unique constraint treats a null
-- org_id as distinct, so these need their own index.
create unique index jobs_deployment_idempotency_key on public.jobs (kind, idempotency_key) where org_id is null;

-- As before, plus deployment-level jobs: only the service role may enqueue one (a member's
-- p_org_id must be one of their organizations, and null never is).
create or replace function app_private.enqueue_job(
  p_org_id uuid, p_kind text, p_payload jsonb, p_idempotency_key text, p_run_after timestamptz, p_max_attempts integer
) returns table (id uuid, created boolean) language plpgsql volatile security definer set search_path = '' as $$
#variable_conflict use_column
declare
  new_id uuid;
begin
  if (select auth.role()) is distinct from 'service_role'
     and (p_org_id is null or not (p_org_id = any (array(select app_private.current_user_org_ids())))) then
    raise exception 'not a member of this organization' using errcode = '42501';
  end if;
  insert into public.jobs as j (org_id, kind, payload, idempotency_key, run_after, max_attempts, created_by)
  values (p_org_id, p_kind, coalesce(p_payload, '{}'::jsonb), p_idempotency_key, coalesce(p_run_after, now()),
          coalesce(p_max_attempts, 5), (select auth.uid()))
  -- No conflict target: the organization's constraint or the deployment-level index, whichever applies.
  on conflict do nothing
  returning j.id into new_id;
  if new_id is not null then
    return query select new_id, true;
  else
    return query select j.id, false from public.jobs j
      where j.org_id is not distinct from p_org_id and j.kind = p_kind and j.idempotency_key = p_idempotency_key;
  end if;
end $$;

-- The organization a message was sent for (invitations, role changes); null for a user's own
-- mail (password resets), which no organization may read.
alter table app_private.email_messages
  add column org_id uuid references public.organizations (id) on delete cascade;
create index email_messages_org_id_created_at_idx on app_private.email_messages (org_id, created_at desc)
  where transport = 'outbox';

-- An organization's messages held in the outbox, newest first, for its admins only (org.manage):
-- they carry invitation links, and whoever holds one can create the invited account.
create function app_private.org_outbox(p_org_id uuid, p_limit integer)
returns table (id uuid, template text, to_email text, subject text, text_body text, created_at timestamptz)
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_org_id is null or not (p_org_id = any (array(select app_private.current_user_org_ids_with('org.manage')))) then
    raise exception 'only the organization''s admins read its outbox' using errcode = '42501';
  end if;
  return query
    select m.id, m.template, m.to_email, m.subject, m.text_body, m.created_at
    from app_private.email_messages m
    where m.org_id = p_org_id and m.transport = 'outbox'
    order by m.created_at desc
    limit least(greatest(coalesce(p_limit, 20), 1), 100);
end $$;

revoke execute on function app_private.org_outbox(uuid, integer) from public, anon;
grant execute on function app_private.org_outbox(uuid, integer) to authenticated;

-- On Supabase, the email-send function drains its jobs every minute too (an invoke after enqueue
-- may be lost). Skipped where pg_cron is absent: the in-process worker runs them.
do $migration$
begin
  if to_regprocedure('app_private.invoke_job_function(text, jsonb)') is null
     or not exists (select 1 from pg_extension where extname = 'pg_cron') then
    raise notice 'pg_cron not set up: email delivery is left to the in-process worker';
    return;
  end if;
  execute $ddl$
    select cron.schedule('xeropulse-email-send', '* * * * *',
      $$select app_private.invoke_job_function('email-send', '{}'::jsonb)$$)
  $ddl$;
end
$migration$;
