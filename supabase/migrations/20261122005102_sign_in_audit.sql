-- Sign-in events are written to the audit log of each organization the account belongs to
-- (src/server/audit/record-sign-in-event.ts); a failed attempt finds the account by the address
-- tried, so that lookup needs an index.
create index user_profiles_lower_email_idx on public.user_profiles (lower(email));
