-- Support tables for sign-in protection and outgoing email. Private: reached only through the
-- service role by the auth and email services, never by the API roles.

create table app_private.login_attempts (
  id bigint generated always as identity primary key,
  -- 'email:<lowercased address>' or 'ip:<address>'; one failed or successful attempt per row.
  subject text not null,
  succeeded boolean not null,
  attempted_at timestamptz not null default now()
);
create index login_attempts_subject_attempted_at_idx
  on app_private.login_attempts (subject, attempted_at desc);

-- Outgoing mail. The outbox transport stops here (shown at /dev/mailbox outside production);
-- a real transport records its provider id and status on the same row.
create table app_private.email_messages (
  id uuid primary key default gen_random_uuid(),
  idempotency_key text not null unique,
  template text not null,
  to_email text not null,
  subject text not null,
  html text not null,
  text_body text not null,
  transport text not null check (transport in ('outbox', 'resend')),
  status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
  provider_id text,
  error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index email_messages_to_email_idx on app_private.email_messages (lower(to_email), created_at desc);

alter table app_private.login_attempts enable row level security;
alter table app_private.email_messages enable row level security;

grant select, insert, delete on app_private.login_attempts to service_role;
grant select, insert, update on app_private.email_messages to service_role;

-- Secrets the instance generates for itself when the environment gives none (the embedded default
-- signs its session tokens with one), so they survive restarts without any configuration.
create table app_private.instance_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);
alter table app_private.instance_secrets enable row level security;
