-- Schedules on Supabase: pg_cron calls the Edge Functions through pg_net. Each call drains the
-- function's due jobs; the `schedules` it names are the periodic jobs the function enqueues first
-- (a sync of every connected integration each 15 minutes, alert evaluation hourly), deduplicated
-- per time slot by idempotency key, so a repeated or overlapping call never doubles a job.
--
-- The URL and the cron secret come from Supabase Vault (set them once per project):
--   select vault.create_secret('https://<ref>.supabase.co', 'project_url');
--   select vault.create_secret('<JOBS_CRON_SECRET>', 'jobs_cron_secret');
-- Plain PostgreSQL and PGlite have neither pg_cron, pg_net nor Vault: there the body is skipped and
-- the in-process worker enqueues the same schedules itself.
do $migration$
begin
  if not (exists (select 1 from pg_available_extensions where name = 'pg_cron')
          and exists (select 1 from pg_available_extensions where name = 'pg_net')
          and to_regnamespace('vault') is not null) then
    raise notice 'pg_cron, pg_net or Vault not available: job schedules are left to the in-process worker';
    return;
  end if;
  create extension if not exists pg_cron;
  create extension if not exists pg_net;
  -- Dynamic SQL: the cron and net schemas do not exist when this block is parsed elsewhere.
  execute $ddl$
    create or replace function app_private.invoke_job_function(p_function text, p_body jsonb)
    returns bigint language sql volatile set search_path = '' as $fn$
      select net.http_post(
        url := (select decrypted_secret from vault.decrypted_secrets where name = 'project_url')
               || '/functions/v1/' || p_function,
        headers := jsonb_build_object(
          'Content-Type', 'application/json',
          'Authorization', 'Bearer ' || (select decrypted_secret from vault.decrypted_secrets where name = 'jobs_cron_secret')),
        body := p_body,
        timeout_milliseconds := 5000)
    $fn$;
    revoke execute on function app_private.invoke_job_function(text, jsonb) from public, anon, authenticated;
  $ddl$;
  perform cron.schedule('xeropulse-import-process', '* * * * *',
    $$select app_private.invoke_job_function('import-process', '{}'::jsonb)$$);
  perform cron.schedule('xeropulse-sync-run', '* * * * *',
    $$select app_private.invoke_job_function('sync-run', '{}'::jsonb)$$);
  perform cron.schedule('xeropulse-sync-schedule', '*/15 * * * *',
    $$select app_private.invoke_job_function('sync-run', '{"schedules": ["sync.integrations"]}'::jsonb)$$);
  perform cron.schedule('xeropulse-alert-drain', '* * * * *',
    $$select app_private.invoke_job_function('alert-evaluate', '{}'::jsonb)$$);
  perform cron.schedule('xeropulse-alert-evaluate', '5 * * * *',
    $$select app_private.invoke_job_function('alert-evaluate', '{"schedules": ["alerts.evaluate"]}'::jsonb)$$);
end
$migration$;
