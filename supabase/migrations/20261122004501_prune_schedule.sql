-- Daily housekeeping on Supabase: pg_cron asks the sync-run function to enqueue the `system.prune`
-- schedule (finished jobs past JOBS_RETENTION_DAYS, spent OAuth states). Skipped where pg_cron is
-- absent (PGlite, plain PostgreSQL): the in-process worker enqueues the same schedule itself.
do $migration$
begin
  if to_regprocedure('app_private.invoke_job_function(text, jsonb)') is null
     or not exists (select 1 from pg_extension where extname = 'pg_cron') then
    raise notice 'pg_cron not set up: the prune schedule is left to the in-process worker';
    return;
  end if;
  execute $ddl$
    select cron.schedule('xeropulse-prune', '17 3 * * *',
      $$select app_private.invoke_job_function('sync-run', '{"schedules": ["system.prune"]}'::jsonb)$$)
  $ddl$;
end
$migration$;
