-- Password-reset requests, per address and per IP, so that a flood of requests for one address
-- (mail bombing) or from one IP sends only a few emails (src/server/auth/password-reset-throttle.ts).
-- Internal to the server: only the service role reads and writes them.
create table app_private.password_reset_requests (
  id bigint generated always as identity primary key,
  -- 'email:<lowercased address>' or 'ip:<address>' ('ip:unknown' when it cannot be told)
  subject text not null,
  requested_at timestamptz not null default now()
);
create index password_reset_requests_subject_requested_at_idx
  on app_private.password_reset_requests (subject, requested_at desc);

alter table app_private.password_reset_requests enable row level security;
grant select, insert, delete on app_private.password_reset_requests to service_role;
