-- Synced data from Xero Accounting and Xero Practice Manager (XPM), one table per resource.
-- Shaped after the real APIs so the sync can upsert them: each row is keyed by (org_id, external_id)
-- (Xero's GUIDs, XPM's UUIDs), with the source's own timestamps kept for incremental syncs.
-- Members read them according to their permissions; nobody writes them through RLS: the sync and the
-- demo generator run as the service role with an explicit organization id.

-- Xero Accounting -----------------------------------------------------------------------------------
create table public.xero_contacts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  external_id text not null check (char_length(external_id) between 1 and 64),
  name text not null check (char_length(name) between 1 and 255),
  email text,
  is_customer boolean not null default false,
  is_supplier boolean not null default false,
  contact_status text not null default 'ACTIVE' check (contact_status in ('ACTIVE', 'ARCHIVED', 'GDPRREQUEST')),
  updated_date_utc timestamptz,
  synced_at timestamptz not null default now()
);
create unique index xero_contacts_org_external_idx on public.xero_contacts (org_id, external_id);

create table public.xero_accounts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  external_id text not null check (char_length(external_id) between 1 and 64),
  code text,
  name text not null check (char_length(name) between 1 and 150),
  type text not null,
  class text check (class in ('ASSET', 'EQUITY', 'EXPENSE', 'LIABILITY', 'REVENUE')),
  status text not null default 'ACTIVE' check (status in ('ACTIVE', 'ARCHIVED', 'DELETED')),
  updated_date_utc timestamptz,
  synced_at timestamptz not null default now()
);
create unique index xero_accounts_org_external_idx on public.xero_accounts (org_id, external_id);

create table public.xero_invoices (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  external_id text not null check (char_length(external_id) between 1 and 64),
  invoice_number text,
  type text not null check (type in ('ACCREC', 'ACCPAY')),
  status text not null check (status in ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED')),
  contact_external_id text not null,
  date date not null,
  due_date date,
  sub_total numeric(14, 2) not null default 0,
  total_tax numeric(14, 2) not null default 0,
  total numeric(14, 2) not null default 0,
  amount_due numeric(14, 2) not null default 0,
  amount_paid numeric(14, 2) not null default 0,
  amount_credited numeric(14, 2) not null default 0,
  currency_code text not null check (currency_code ~ '^[A-Z]{3}$'),
  fully_paid_on_date date,
  updated_date_utc timestamptz,
  synced_at timestamptz not null default now()
);
create unique index xero_invoices_org_external_idx on public.xero_invoices (org_id, external_id);
-- Revenue and expenses by period (the rollup refresh and live filters by contact).
create index xero_invoices_org_type_date_idx on public.xero_invoices (org_id, type, date);
create index xero_invoices_org_contact_idx on public.xero_invoices (org_id, contact_external_id);
-- Aging and top debtors read only what is still owed: a small fraction of the table.
create index xero_invoices_open_idx on public.xero_invoices (org_id, type, due_date)
  where amount_due > 0 and status in ('AUTHORISED', 'SUBMITTED');

create table public.xero_payments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  external_id text not null check (char_length(external_id) between 1 and 64),
  invoice_external_id text not null,
  account_external_id text,
  payment_type text not null check (payment_type in ('ACCRECPAYMENT', 'ACCPAYPAYMENT')),
  status text not null default 'AUTHORISED' check (status in ('AUTHORISED', 'DELETED')),
  date date not null,
  amount numeric(14, 2) not null,
  currency_code text not null check (currency_code ~ '^[A-Z]{3}$'),
  updated_date_utc timestamptz,
  synced_at timestamptz not null default now()
);
create unique index xero_payments_org_external_idx on public.xero_payments (org_id, external_id);
create index xero_payments_org_date_idx on public.xero_payments (org_id, date);

-- Xero Practice Manager ---------------------------------------------------------------------------
create table public.xpm_clients (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  external_id text not null check (char_length(external_id) between 1 and 64),
  name text not null check (char_length(name) between 1 and 255),
  email text,
  is_archived boolean not null default false,
  synced_at timestamptz not null default now()
);
create unique index xpm_clients_org_external_idx on public.xpm_clients (org_id, external_id);

create table public.xpm_staff (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  external_id text not null check (char_length(external_id) between 1 and 64),
  name text not null check (char_length(name) between 1 and 255),
  email text,
  is_active boolean not null default true,
  -- Hours a week the staff member is expected to work: the denominator of utilization.
  weekly_capacity_hours numeric(5, 2) not null default 37.5 check (weekly_capacity_hours >= 0),
  billable_rate numeric(10, 2) not null default 0,
  cost_rate numeric(10, 2) not null default 0,
  synced_at timestamptz not null default now()
);
create unique index xpm_staff_org_external_idx on public.xpm_staff (org_id, external_id);

create table public.xpm_jobs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  external_id text not null check (char_length(external_id) between 1 and 64),
  job_number text not null,
  client_external_id text not null,
  name text not null check (char_length(name) between 1 and 255),
  state text not null,
  start_date date,
  due_date date,
  completed_date date,
  budget numeric(14, 2),
  synced_at timestamptz not null default now()
);
create unique index xpm_jobs_org_external_idx on public.xpm_jobs (org_id, external_id);
create index xpm_jobs_org_client_idx on public.xpm_jobs (org_id, client_external_id);

create table public.xpm_time_entries (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  external_id text not null check (char_length(external_id) between 1 and 64),
  job_external_id text not null,
  staff_external_id text not null,
  task_name text,
  entry_date date not null,
  -- XPM allows negative minutes (corrections).
  minutes integer not null,
  billable boolean not null,
  billable_rate numeric(10, 2) not null default 0,
  -- Empty in XPM until the time is invoiced: what is left is work in progress.
  invoice_task_external_id text,
  synced_at timestamptz not null default now()
);
create unique index xpm_time_entries_org_external_idx on public.xpm_time_entries (org_id, external_id);
create index xpm_time_entries_org_date_idx on public.xpm_time_entries (org_id, entry_date);
create index xpm_time_entries_org_job_idx on public.xpm_time_entries (org_id, job_external_id);
create index xpm_time_entries_wip_idx on public.xpm_time_entries (org_id, job_external_id)
  where billable and invoice_task_external_id is null;

create table public.xpm_costs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  external_id text not null check (char_length(external_id) between 1 and 64),
  job_external_id text not null,
  cost_date date not null,
  description text,
  quantity numeric(12, 2) not null default 1,
  unit_cost numeric(12, 2) not null default 0,
  unit_price numeric(12, 2) not null default 0,
  billable boolean not null default true,
  invoice_external_id text,
  synced_at timestamptz not null default now()
);
create unique index xpm_costs_org_external_idx on public.xpm_costs (org_id, external_id);
create index xpm_costs_org_job_idx on public.xpm_costs (org_id, job_external_id);

create table public.xpm_invoices (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  external_id text not null check (char_length(external_id) between 1 and 64),
  invoice_number text not null,
  client_external_id text not null,
  job_external_id text,
  type text not null default 'Progress Invoice',
  status text not null check (status in ('Draft', 'Approved', 'Paid', 'Cancelled')),
  invoice_date date not null,
  due_date date,
  amount numeric(14, 2) not null default 0,
  amount_tax numeric(14, 2) not null default 0,
  amount_including_tax numeric(14, 2) not null default 0,
  amount_paid numeric(14, 2) not null default 0,
  amount_outstanding numeric(14, 2) not null default 0,
  synced_at timestamptz not null default now()
);
create unique index xpm_invoices_org_external_idx on public.xpm_invoices (org_id, external_id);
create index xpm_invoices_org_date_idx on public.xpm_invoices (org_id, invoice_date);

-- Daily finance rollup -----------------------------------------------------------------------------
-- Revenue, expenses and cash by day, recomputed for an organization after its data changes (the sync,
-- the demo generator, POST /api/dashboards/{id}/refresh). A day is fine enough for any date range and
-- small enough (about 730 rows for two years) that a dashboard reads it instantly at 1M invoices.
create table public.finance_daily_totals (
  org_id uuid not null references public.organizations (id) on delete cascade,
  day date not null,
  revenue numeric(16, 2) not null default 0,
  expenses numeric(16, 2) not null default 0,
  invoices_issued integer not null default 0,
  cash_received numeric(16, 2) not null default 0,
  cash_paid numeric(16, 2) not null default 0,
  refreshed_at timestamptz not null default now(),
  primary key (org_id, day)
);

-- Row-level security ---------------------------------------------------------------------------------
alter table public.xero_contacts enable row level security;
alter table public.xero_accounts enable row level security;
alter table public.xero_invoices enable row level security;
alter table public.xero_payments enable row level security;
alter table public.xpm_clients enable row level security;
alter table public.xpm_staff enable row level security;
alter table public.xpm_jobs enable row level security;
alter table public.xpm_time_entries enable row level security;
alter table public.xpm_costs enable row level security;
alter table public.xpm_invoices enable row level security;
alter table public.finance_daily_totals enable row level security;

-- Accounting data is for finance.read. Practice work (clients, jobs, staff, time, costs) is what the
-- whole firm works on, so every member with dashboards.view reads it (the Practice dashboard is a
-- staff dashboard); practice invoices are accounting data again.
create policy xero_contacts_select on public.xero_contacts for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('finance.read'))));
create policy xero_accounts_select on public.xero_accounts for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('finance.read'))));
create policy xero_invoices_select on public.xero_invoices for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('finance.read'))));
create policy xero_payments_select on public.xero_payments for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('finance.read'))));
create policy finance_daily_totals_select on public.finance_daily_totals for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('finance.read'))));
create policy xpm_invoices_select on public.xpm_invoices for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('finance.read'))));
create policy xpm_clients_select on public.xpm_clients for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.view'))));
create policy xpm_staff_select on public.xpm_staff for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.view'))));
create policy xpm_jobs_select on public.xpm_jobs for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.view'))));
create policy xpm_time_entries_select on public.xpm_time_entries for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.view'))));
create policy xpm_costs_select on public.xpm_costs for select to authenticated
  using (org_id = any (array(select app_private.current_user_org_ids_with('dashboards.view'))));

grant select on public.xero_contacts, public.xero_accounts, public.xero_invoices, public.xero_payments,
  public.xpm_clients, public.xpm_staff, public.xpm_jobs, public.xpm_time_entries, public.xpm_costs,
  public.xpm_invoices, public.finance_daily_totals to authenticated;
grant select, insert, update, delete on public.xero_contacts, public.xero_accounts, public.xero_invoices,
  public.xero_payments, public.xpm_clients, public.xpm_staff, public.xpm_jobs, public.xpm_time_entries,
  public.xpm_costs, public.xpm_invoices, public.finance_daily_totals to service_role;
