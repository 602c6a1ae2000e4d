-- Uploaded import files on Supabase: a private Storage bucket `imports`, objects at
-- `<org_id>/<import_id>.xlsx`. The app writes, reads and deletes them with the service role (after
-- validating the upload); members who import may also read their own organization's files directly.
-- Plain PostgreSQL and PGlite have no `storage` schema: there the body is skipped and the storage
-- module keeps files in a folder under XEROPULSE_DATA_DIR.
do $migration$
begin
  if to_regclass('storage.buckets') is null or to_regclass('storage.objects') is null then
    raise notice 'no Supabase Storage here: import files are kept on the local disk';
    return;
  end if;
  -- Dynamic SQL: the storage schema does not exist when this block is parsed elsewhere.
  execute $ddl$
    insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
    values ('imports', 'imports', false, 104857600,
            array['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'])
    on conflict (id) do update set public = false
  $ddl$;
  execute $ddl$
    create policy imports_objects_select on storage.objects for select to authenticated
      using (bucket_id = 'imports'
             and (storage.foldername(name))[1] = any (array(select app_private.current_user_org_ids_with('imports.run')::text)))
  $ddl$;
end
$migration$;
