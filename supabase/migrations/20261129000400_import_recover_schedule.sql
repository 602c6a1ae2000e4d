-- On Supabase: every 5 minutes pg_cron asks the import-process function to enqueue the
-- `imports.recover` schedule (imports whose job died are reverted instead of staying `processing`).
-- Skipped where pg_cron is absent (PGlite, plain PostgreSQL): the in-process worker enqueues it.
do $migration$
begin
  if to_regprocedure('app_private.invoke_job_function(text, jsonb)') is null
     or not exists (select 1 from pg_extension where extname = 'pg_cron') then
    raise notice 'pg_cron not set up: the imports.recover schedule is left to the in-process worker';
    return;
  end if;
  execute $ddl$
    select cron.schedule('xeropulse-imports-recover', '*/5 * * * *',
      $$select app_private.invoke_job_function('import-process', '{"schedules": ["imports.recover"]}'::jsonb)$$)
  $ddl$;
end
$migration$;
