-- app_private.current_user_colleague_ids() served only the first user_profiles_select policy, which
-- 20261122002001_admin.sql replaced with an index probe through org_members; nothing calls it since.
drop function app_private.current_user_colleague_ids();
