-- The job queue (DESIGN §8): imports, sync and alert evaluation run as rows of public.jobs, claimed
-- with `for update skip locked` by the in-process worker or by the Supabase Edge Functions.
-- Runs unchanged on Supabase, PostgreSQL 15 and PGlite.

create table public.jobs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  kind text not null check (kind ~ '^[a-z]+(\.[a-z_]+)+$'),
  payload jsonb not null default '{}'::jsonb check (octet_length(payload::text) <= 65536),
  status text not null default 'queued'
    check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  attempts integer not null default 0 check (attempts >= 0),
  max_attempts integer not null default 5 check (max_attempts between 1 and 25),
  run_after timestamptz not null default now(),
  -- The lease: whoever holds lease_token may write the job's effects until locked_until; a worker
  -- that stops heartbeating loses it and the job is claimed again (with a new token).
  lease_token uuid,
  locked_by text,
  locked_until timestamptz,
  heartbeat_at timestamptz,
  -- Null keys never collide (unique treats nulls as distinct), so only keyed enqueues dedupe.
  idempotency_key text check (char_length(idempotency_key) between 1 and 200),
  progress jsonb not null default '{}'::jsonb,
  result jsonb,
  error text,
  cancel_requested_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  constraint jobs_idempotency_key unique (org_id, kind, idempotency_key)
);
create index jobs_org_id_created_at_idx on public.jobs (org_id, created_at desc);
-- The claim query's two ways in: due queued jobs, and running jobs whose lease ran out.
create index jobs_queued_run_after_idx on public.jobs (run_after) where status = 'queued';
create index jobs_running_locked_until_idx on public.jobs (locked_until) where status = 'running';

create trigger jobs_touch before update on public.jobs
  for each row execute function app_private.touch_updated_at();

-- Enqueueing from a request runs inside the caller's transaction (a rolled-back request leaves no
-- job) and through this function rather than an insert policy, so a member can only ever create a
-- fresh `queued` row of their own organization: status, attempts, lease and result are not theirs
-- to set. Which member may start which kind is the service's permission check (route wrapper);
-- this is the database's guard that nobody enqueues into another organization. A duplicate
-- (same organization, kind and idempotency key) returns the existing job instead of a second one.
create function app_private.enqueue_job(
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
  on conflict on constraint jobs_idempotency_key do nothing
  returning j.id into new_id;
  if new_id is not null then
    return query select new_id, true;
  else
    return query select j.id, false from public.jobs j
      where j.org_id = p_org_id and j.kind = p_kind and j.idempotency_key = p_idempotency_key;
  end if;
end $$;

revoke execute on function app_private.enqueue_job(uuid, text, jsonb, text, timestamptz, integer) from public, anon;
grant execute on function app_private.enqueue_job(uuid, text, jsonb, text, timestamptz, integer) to authenticated, service_role;

-- Members read their organization's jobs (progress bars, results); nobody but the runners
-- (service_role) writes them.
alter table public.jobs enable row level security;
create policy jobs_select on public.jobs for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids())));

grant select on public.jobs to authenticated;
grant select, insert, update, delete on public.jobs to service_role;
