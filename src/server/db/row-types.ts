/**
 * Row types of the tables in `public`, written to match supabase/migrations. A test
 * (tests/integration/row-types.test.ts) compares TABLE_COLUMNS with the live catalog, so a migration
 * that adds, drops or retypes a column fails until this file follows.
 */
import type { Role } from "@/lib/permissions";
import type { AuditAction } from "@/lib/audit-actions";

export interface RoleRow {
  role: Role;
  rank: number;
  label: string;
}

export interface RolePermissionRow {
  role: Role;
  permission: string;
}

export interface AuditActionRow {
  action: AuditAction;
  description: string;
}

export interface OrganizationRow {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  alert_warning_pct: number;
  alert_critical_pct: number;
  alert_over_budget_pct: number;
  created_at: Date;
  updated_at: Date;
  assistant_model_enabled: boolean;
}

export interface OrgMemberRow {
  org_id: string;
  user_id: string;
  role: Role;
  status: "active" | "deactivated";
  created_at: Date;
  updated_at: Date;
}

export interface UserProfileRow {
  user_id: string;
  email: string;
  full_name: string;
  last_sign_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface AuditEventRow {
  id: number;
  org_id: string | null;
  actor_user_id: string | null;
  actor_type: "user" | "system" | "job" | "anonymous";
  action: AuditAction;
  target_type: string | null;
  target_id: string | null;
  metadata: Record<string, unknown>;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  created_at: Date;
}

export interface OrgInvitationRow {
  id: string;
  org_id: string;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: string | null;
  expires_at: Date;
  accepted_at: Date | null;
  accepted_by: string | null;
  revoked_at: Date | null;
  sent_count: number;
  last_sent_at: Date;
  created_at: Date;
}

export interface SubscriptionRow {
  org_id: string;
  plan: "free";
  status: "inactive";
  created_at: Date;
  updated_at: Date;
}

export interface JobRow {
  id: string;
  org_id: string;
  kind: string;
  payload: Record<string, unknown>;
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  attempts: number;
  max_attempts: number;
  run_after: Date;
  lease_token: string | null;
  locked_by: string | null;
  locked_until: Date | null;
  heartbeat_at: Date | null;
  idempotency_key: string | null;
  progress: { done?: number; total?: number; message?: string };
  result: unknown;
  error: string | null;
  cancel_requested_at: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface XeroContactsRow {
  id: string;
  org_id: string;
  external_id: string;
  name: string;
  email: string | null;
  is_customer: boolean;
  is_supplier: boolean;
  contact_status: string;
  updated_date_utc: Date | null;
  synced_at: Date;
}

export interface XeroAccountsRow {
  id: string;
  org_id: string;
  external_id: string;
  code: string | null;
  name: string;
  type: string;
  class: string | null;
  status: string;
  updated_date_utc: Date | null;
  synced_at: Date;
}

export interface XeroInvoicesRow {
  id: string;
  org_id: string;
  external_id: string;
  invoice_number: string | null;
  type: "ACCREC" | "ACCPAY";
  status: string;
  contact_external_id: string;
  date: string;
  due_date: string | null;
  sub_total: number;
  total_tax: number;
  total: number;
  amount_due: number;
  amount_paid: number;
  amount_credited: number;
  currency_code: string;
  fully_paid_on_date: string | null;
  updated_date_utc: Date | null;
  synced_at: Date;
}

export interface XeroPaymentsRow {
  id: string;
  org_id: string;
  external_id: string;
  invoice_external_id: string;
  account_external_id: string | null;
  payment_type: string;
  status: string;
  date: string;
  amount: number;
  currency_code: string;
  updated_date_utc: Date | null;
  synced_at: Date;
}

export interface XpmClientsRow {
  id: string;
  org_id: string;
  external_id: string;
  name: string;
  email: string | null;
  is_archived: boolean;
  synced_at: Date;
}

export interface XpmStaffRow {
  id: string;
  org_id: string;
  external_id: string;
  name: string;
  email: string | null;
  is_active: boolean;
  weekly_capacity_hours: number;
  billable_rate: number;
  cost_rate: number;
  synced_at: Date;
}

export interface XpmJobsRow {
  id: string;
  org_id: string;
  external_id: string;
  job_number: string;
  client_external_id: string;
  name: string;
  state: string;
  start_date: string | null;
  due_date: string | null;
  completed_date: string | null;
  budget: number | null;
  synced_at: Date;
}

export interface XpmTimeEntriesRow {
  id: string;
  org_id: string;
  external_id: string;
  job_external_id: string;
  staff_external_id: string;
  task_name: string | null;
  entry_date: string;
  minutes: number;
  billable: boolean;
  billable_rate: number;
  invoice_task_external_id: string | null;
  synced_at: Date;
}

export interface XpmCostsRow {
  id: string;
  org_id: string;
  external_id: string;
  job_external_id: string;
  cost_date: string;
  description: string | null;
  quantity: number;
  unit_cost: number;
  unit_price: number;
  billable: boolean;
  invoice_external_id: string | null;
  synced_at: Date;
}

export interface XpmInvoicesRow {
  id: string;
  org_id: string;
  external_id: string;
  invoice_number: string;
  client_external_id: string;
  job_external_id: string | null;
  type: string;
  status: string;
  invoice_date: string;
  due_date: string | null;
  amount: number;
  amount_tax: number;
  amount_including_tax: number;
  amount_paid: number;
  amount_outstanding: number;
  synced_at: Date;
}

export interface FinanceDailyTotalsRow {
  org_id: string;
  day: string;
  revenue: number;
  expenses: number;
  invoices_issued: number;
  cash_received: number;
  cash_paid: number;
  refreshed_at: Date;
}

export interface DashboardsRow {
  id: string;
  org_id: string;
  key: string;
  title: string;
  description: string;
  kind: "native" | "metabase";
  native_view: "financial" | "practice" | "procurement" | null;
  metabase_dashboard_id: number | null;
  enabled: boolean;
  position: number;
  allowed_roles: Role[];
  created_at: Date;
  updated_at: Date;
}

export interface DashboardViewsRow {
  id: number;
  org_id: string;
  dashboard_id: string;
  user_id: string;
  viewed_at: Date;
}

type Columns<Row> = Record<keyof Row, string>;

/** Column → Postgres type (format_type) of every table above. */
export interface IntegrationTokenSetsRow {
  id: string;
  org_id: string;
  access_token_enc: string;
  refresh_token_enc: string;
  expires_at: Date;
  scopes: string[];
  auth_event_id: string | null;
  refreshed_at: Date;
  created_at: Date;
}

export type IntegrationProvider = "xero" | "xpm";
export type ConnectionStatus = "connected" | "reconnect_required" | "disconnected";

export interface IntegrationConnectionsRow {
  id: string;
  org_id: string;
  provider: IntegrationProvider;
  tenant_id: string;
  tenant_name: string | null;
  xero_connection_id: string | null;
  token_set_id: string | null;
  status: ConnectionStatus;
  checkpoints: Record<string, unknown>;
  paused_until: Date | null;
  token_expires_at: Date | null;
  token_refreshed_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  rate_headroom: { day?: number | null; minute?: number | null; appMinute?: number | null; at?: string };
  connected_by: string | null;
  connected_at: Date;
  disconnected_at: Date | null;
  updated_at: Date;
}

export interface IntegrationOauthStatesRow {
  state_hash: string;
  org_id: string;
  user_id: string;
  provider: IntegrationProvider;
  expires_at: Date;
  used_at: Date | null;
  created_at: Date;
}

export type SyncTrigger = "manual" | "schedule" | "webhook";
export type SyncRunStatus = "queued" | "running" | "succeeded" | "partial" | "failed" | "cancelled";

export interface SyncRunsRow {
  id: string;
  org_id: string;
  connection_id: string;
  job_id: string | null;
  trigger: SyncTrigger;
  status: SyncRunStatus;
  entities: string[] | null;
  full_resync: boolean;
  counts: Record<string, { fetched: number; upserted: number; deleted: number }>;
  pages: number;
  api_calls: number;
  progress: { percent?: number; entity?: string; message?: string };
  error: string | null;
  retry_at: Date | null;
  requested_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface XeroWebhookEventsRow {
  id: string;
  org_id: string;
  connection_id: string;
  dedupe_key: string;
  event_category: string;
  event_type: string;
  resource_id: string;
  event_date_utc: Date;
  payload: Record<string, unknown>;
  sync_run_id: string | null;
  received_at: Date;
}


export type ImportType = "purchase_orders" | "quantity_surveys";
export type ImportStatus = "validating" | "ready" | "processing" | "succeeded" | "failed" | "reverting" | "reverted";
export type ImportRowAction = "create" | "update" | "unchanged" | "invalid";

export interface ImportsRow {
  id: string;
  org_id: string;
  type: ImportType;
  status: ImportStatus;
  file_name: string;
  file_size: string;
  file_sha256: string;
  storage_path: string;
  file_deleted_at: Date | null;
  sheets: { name: string; index: number }[];
  sheet: string | null;
  header_row: number | null;
  headers: { index: number; header: string }[];
  mapping: Record<string, number | null>;
  mapping_sources: Record<string, string>;
  revision: number;
  counts: { total: number; valid: number; invalid: number; created: number; updated: number; unchanged: number };
  progress: { phase?: string; done?: number; total?: number };
  checkpoint_row: number;
  error_summary: Record<string, number>;
  error: string | null;
  result: Record<string, unknown> | null;
  validate_job_id: string | null;
  process_job_id: string | null;
  revert_job_id: string | null;
  created_by: string | null;
  created_at: Date;
  validated_at: Date | null;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  finished_at: Date | null;
  revert_requested_by: string | null;
  revert_requested_at: Date | null;
  reverted_at: Date | null;
  updated_at: Date;
}

export interface ImportRowsRow {
  import_id: string;
  row_number: number;
  org_id: string;
  action: ImportRowAction;
  key: string | null;
  values: Record<string, string | null>;
  errors: Record<string, string> | null;
}

export interface PurchaseOrdersRow {
  id: string;
  org_id: string;
  po_number: string;
  supplier: string;
  description: string | null;
  /** numeric(14,2): pg returns exact decimals as strings. */
  order_value: string;
  currency: string;
  order_date: Date | null;
  job_number: string | null;
  status: "open" | "closed" | "cancelled";
  source: "import" | "manual";
  import_id: string | null;
  created_import_id: string | null;
  spent: string;
  utilization_percent: string | null;
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_by: string | null;
  updated_at: Date;
}

export interface QuantitySurveysRow {
  id: string;
  org_id: string;
  qs_number: string;
  po_id: string;
  valuation_date: Date;
  amount: string;
  description: string | null;
  source: "import" | "manual";
  import_id: string | null;
  created_import_id: string | null;
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_by: string | null;
  updated_at: Date;
}

export interface ImportChangesRow {
  id: string;
  import_id: string;
  org_id: string;
  table_name: "purchase_orders" | "quantity_surveys";
  row_id: string;
  row_key: string;
  previous: Record<string, unknown>;
  version_after: number;
  outcome: "restored" | "kept" | "gone" | null;
  reverted_at: Date | null;
}

export interface ImportMappingsRow {
  org_id: string;
  type: ImportType;
  mapping: Record<string, string>;
  updated_by: string | null;
  updated_at: Date;
}

export interface AssistantConversationsRow {
  id: string;
  org_id: string;
  user_id: string;
  title: string;
  created_at: Date;
  updated_at: Date;
}

export interface AssistantMessagesRow {
  id: string;
  conversation_id: string;
  org_id: string;
  user_id: string;
  role: "user" | "assistant";
  content: string;
  answer: Record<string, unknown> | null;
  created_at: Date;
}

export interface AssistantUsageRow {
  id: number;
  org_id: string;
  user_id: string;
  asked_at: Date;
}

export const TABLE_COLUMNS = {
  roles: { role: "text", rank: "integer", label: "text" } satisfies Columns<RoleRow>,
  role_permissions: { role: "text", permission: "text" } satisfies Columns<RolePermissionRow>,
  audit_actions: { action: "text", description: "text" } satisfies Columns<AuditActionRow>,
  organizations: {
    id: "uuid", slug: "text", name: "text", timezone: "text", currency: "text",
    alert_warning_pct: "numeric(5,1)", alert_critical_pct: "numeric(5,1)", alert_over_budget_pct: "numeric(5,1)",
    created_at: "timestamp with time zone", updated_at: "timestamp with time zone",
    assistant_model_enabled: "boolean",
  } satisfies Columns<OrganizationRow>,
  org_members: {
    org_id: "uuid", user_id: "uuid", role: "text", status: "text",
    created_at: "timestamp with time zone", updated_at: "timestamp with time zone",
  } satisfies Columns<OrgMemberRow>,
  user_profiles: {
    user_id: "uuid", email: "text", full_name: "text", last_sign_in_at: "timestamp with time zone",
    created_at: "timestamp with time zone", updated_at: "timestamp with time zone",
  } satisfies Columns<UserProfileRow>,
  audit_events: {
    id: "bigint", org_id: "uuid", actor_user_id: "uuid", actor_type: "text", action: "text",
    target_type: "text", target_id: "text", metadata: "jsonb", ip: "inet", user_agent: "text",
    request_id: "text", created_at: "timestamp with time zone",
  } satisfies Columns<AuditEventRow>,
  org_invitations: {
    id: "uuid", org_id: "uuid", email: "text", role: "text", token_hash: "text", invited_by: "uuid",
    expires_at: "timestamp with time zone", accepted_at: "timestamp with time zone", accepted_by: "uuid",
    revoked_at: "timestamp with time zone", sent_count: "integer", last_sent_at: "timestamp with time zone",
    created_at: "timestamp with time zone",
  } satisfies Columns<OrgInvitationRow>,
  subscriptions: {
    org_id: "uuid", plan: "text", status: "text",
    created_at: "timestamp with time zone", updated_at: "timestamp with time zone",
  } satisfies Columns<SubscriptionRow>,
  jobs: {
    id: "uuid", org_id: "uuid", kind: "text", payload: "jsonb", status: "text", attempts: "integer",
    max_attempts: "integer", run_after: "timestamp with time zone", lease_token: "uuid", locked_by: "text",
    locked_until: "timestamp with time zone", heartbeat_at: "timestamp with time zone", idempotency_key: "text",
    progress: "jsonb", result: "jsonb", error: "text", cancel_requested_at: "timestamp with time zone",
    created_by: "uuid", created_at: "timestamp with time zone", updated_at: "timestamp with time zone",
    started_at: "timestamp with time zone", finished_at: "timestamp with time zone",
  } satisfies Columns<JobRow>,
  xero_contacts: { id: "uuid", org_id: "uuid", external_id: "text", name: "text", email: "text", is_customer: "boolean", is_supplier: "boolean", contact_status: "text", updated_date_utc: "timestamp with time zone", synced_at: "timestamp with time zone" } satisfies Columns<XeroContactsRow>,
  xero_accounts: { id: "uuid", org_id: "uuid", external_id: "text", code: "text", name: "text", type: "text", class: "text", status: "text", updated_date_utc: "timestamp with time zone", synced_at: "timestamp with time zone" } satisfies Columns<XeroAccountsRow>,
  xero_invoices: { id: "uuid", org_id: "uuid", external_id: "text", invoice_number: "text", type: "text", status: "text", contact_external_id: "text", date: "date", due_date: "date", sub_total: "numeric(14,2)", total_tax: "numeric(14,2)", total: "numeric(14,2)", amount_due: "numeric(14,2)", amount_paid: "numeric(14,2)", amount_credited: "numeric(14,2)", currency_code: "text", fully_paid_on_date: "date", updated_date_utc: "timestamp with time zone", synced_at: "timestamp with time zone" } satisfies Columns<XeroInvoicesRow>,
  xero_payments: { id: "uuid", org_id: "uuid", external_id: "text", invoice_external_id: "text", account_external_id: "text", payment_type: "text", status: "text", date: "date", amount: "numeric(14,2)", currency_code: "text", updated_date_utc: "timestamp with time zone", synced_at: "timestamp with time zone" } satisfies Columns<XeroPaymentsRow>,
  xpm_clients: { id: "uuid", org_id: "uuid", external_id: "text", name: "text", email: "text", is_archived: "boolean", synced_at: "timestamp with time zone" } satisfies Columns<XpmClientsRow>,
  xpm_staff: { id: "uuid", org_id: "uuid", external_id: "text", name: "text", email: "text", is_active: "boolean", weekly_capacity_hours: "numeric(5,2)", billable_rate: "numeric(10,2)", cost_rate: "numeric(10,2)", synced_at: "timestamp with time zone" } satisfies Columns<XpmStaffRow>,
  xpm_jobs: { id: "uuid", org_id: "uuid", external_id: "text", job_number: "text", client_external_id: "text", name: "text", state: "text", start_date: "date", due_date: "date", completed_date: "date", budget: "numeric(14,2)", synced_at: "timestamp with time zone" } satisfies Columns<XpmJobsRow>,
  xpm_time_entries: { id: "uuid", org_id: "uuid", external_id: "text", job_external_id: "text", staff_external_id: "text", task_name: "text", entry_date: "date", minutes: "integer", billable: "boolean", billable_rate: "numeric(10,2)", invoice_task_external_id: "text", synced_at: "timestamp with time zone" } satisfies Columns<XpmTimeEntriesRow>,
  xpm_costs: { id: "uuid", org_id: "uuid", external_id: "text", job_external_id: "text", cost_date: "date", description: "text", quantity: "numeric(12,2)", unit_cost: "numeric(12,2)", unit_price: "numeric(12,2)", billable: "boolean", invoice_external_id: "text", synced_at: "timestamp with time zone" } satisfies Columns<XpmCostsRow>,
  xpm_invoices: { id: "uuid", org_id: "uuid", external_id: "text", invoice_number: "text", client_external_id: "text", job_external_id: "text", type: "text", status: "text", invoice_date: "date", due_date: "date", amount: "numeric(14,2)", amount_tax: "numeric(14,2)", amount_including_tax: "numeric(14,2)", amount_paid: "numeric(14,2)", amount_outstanding: "numeric(14,2)", synced_at: "timestamp with time zone" } satisfies Columns<XpmInvoicesRow>,
  finance_daily_totals: { org_id: "uuid", day: "date", revenue: "numeric(16,2)", expenses: "numeric(16,2)", invoices_issued: "integer", cash_received: "numeric(16,2)", cash_paid: "numeric(16,2)", refreshed_at: "timestamp with time zone" } satisfies Columns<FinanceDailyTotalsRow>,
  dashboards: { id: "uuid", org_id: "uuid", key: "text", title: "text", description: "text", kind: "text", native_view: "text", metabase_dashboard_id: "integer", enabled: "boolean", position: "integer", allowed_roles: "text[]", created_at: "timestamp with time zone", updated_at: "timestamp with time zone" } satisfies Columns<DashboardsRow>,
  dashboard_views: { id: "bigint", org_id: "uuid", dashboard_id: "uuid", user_id: "uuid", viewed_at: "timestamp with time zone" } satisfies Columns<DashboardViewsRow>,
  integration_token_sets: { id: "uuid", org_id: "uuid", access_token_enc: "text", refresh_token_enc: "text", expires_at: "timestamp with time zone", scopes: "text[]", auth_event_id: "text", refreshed_at: "timestamp with time zone", created_at: "timestamp with time zone" } satisfies Columns<IntegrationTokenSetsRow>,
  integration_connections: { id: "uuid", org_id: "uuid", provider: "text", tenant_id: "text", tenant_name: "text", xero_connection_id: "text", token_set_id: "uuid", status: "text", checkpoints: "jsonb", paused_until: "timestamp with time zone", token_expires_at: "timestamp with time zone", token_refreshed_at: "timestamp with time zone", last_success_at: "timestamp with time zone", last_error: "text", last_error_at: "timestamp with time zone", rate_headroom: "jsonb", connected_by: "uuid", connected_at: "timestamp with time zone", disconnected_at: "timestamp with time zone", updated_at: "timestamp with time zone" } satisfies Columns<IntegrationConnectionsRow>,
  integration_oauth_states: { state_hash: "text", org_id: "uuid", user_id: "uuid", provider: "text", expires_at: "timestamp with time zone", used_at: "timestamp with time zone", created_at: "timestamp with time zone" } satisfies Columns<IntegrationOauthStatesRow>,
  sync_runs: { id: "uuid", org_id: "uuid", connection_id: "uuid", job_id: "uuid", trigger: "text", status: "text", entities: "text[]", full_resync: "boolean", counts: "jsonb", pages: "integer", api_calls: "integer", progress: "jsonb", error: "text", retry_at: "timestamp with time zone", requested_by: "uuid", created_at: "timestamp with time zone", started_at: "timestamp with time zone", finished_at: "timestamp with time zone" } satisfies Columns<SyncRunsRow>,
  xero_webhook_events: { id: "uuid", org_id: "uuid", connection_id: "uuid", dedupe_key: "text", event_category: "text", event_type: "text", resource_id: "text", event_date_utc: "timestamp with time zone", payload: "jsonb", sync_run_id: "uuid", received_at: "timestamp with time zone" } satisfies Columns<XeroWebhookEventsRow>,
  imports: { id: "uuid", org_id: "uuid", type: "text", status: "text", file_name: "text", file_size: "bigint", file_sha256: "text", storage_path: "text", file_deleted_at: "timestamp with time zone", sheets: "jsonb", sheet: "text", header_row: "integer", headers: "jsonb", mapping: "jsonb", mapping_sources: "jsonb", revision: "integer", counts: "jsonb", progress: "jsonb", checkpoint_row: "integer", error_summary: "jsonb", error: "text", result: "jsonb", validate_job_id: "uuid", process_job_id: "uuid", revert_job_id: "uuid", created_by: "uuid", created_at: "timestamp with time zone", validated_at: "timestamp with time zone", confirmed_by: "uuid", confirmed_at: "timestamp with time zone", finished_at: "timestamp with time zone", revert_requested_by: "uuid", revert_requested_at: "timestamp with time zone", reverted_at: "timestamp with time zone", updated_at: "timestamp with time zone" } satisfies Columns<ImportsRow>,
  import_rows: { import_id: "uuid", row_number: "integer", org_id: "uuid", action: "text", key: "text", values: "jsonb", errors: "jsonb" } satisfies Columns<ImportRowsRow>,
  purchase_orders: { id: "uuid", org_id: "uuid", po_number: "text", supplier: "text", description: "text", order_value: "numeric(14,2)", currency: "text", order_date: "date", job_number: "text", status: "text", source: "text", import_id: "uuid", created_import_id: "uuid", spent: "numeric(18,2)", utilization_percent: "numeric", version: "integer", created_by: "uuid", created_at: "timestamp with time zone", updated_by: "uuid", updated_at: "timestamp with time zone" } satisfies Columns<PurchaseOrdersRow>,
  quantity_surveys: { id: "uuid", org_id: "uuid", qs_number: "text", po_id: "uuid", valuation_date: "date", amount: "numeric(14,2)", description: "text", source: "text", import_id: "uuid", created_import_id: "uuid", version: "integer", created_by: "uuid", created_at: "timestamp with time zone", updated_by: "uuid", updated_at: "timestamp with time zone" } satisfies Columns<QuantitySurveysRow>,
  import_changes: { id: "bigint", import_id: "uuid", org_id: "uuid", table_name: "text", row_id: "uuid", row_key: "text", previous: "jsonb", version_after: "integer", outcome: "text", reverted_at: "timestamp with time zone" } satisfies Columns<ImportChangesRow>,
  import_mappings: { org_id: "uuid", type: "text", mapping: "jsonb", updated_by: "uuid", updated_at: "timestamp with time zone" } satisfies Columns<ImportMappingsRow>,
  assistant_conversations: { id: "uuid", org_id: "uuid", user_id: "uuid", title: "text", created_at: "timestamp with time zone", updated_at: "timestamp with time zone" } satisfies Columns<AssistantConversationsRow>,
  assistant_messages: { id: "uuid", conversation_id: "uuid", org_id: "uuid", user_id: "uuid", role: "text", content: "text", answer: "jsonb", created_at: "timestamp with time zone" } satisfies Columns<AssistantMessagesRow>,
  assistant_usage: { id: "bigint", org_id: "uuid", user_id: "uuid", asked_at: "timestamp with time zone" } satisfies Columns<AssistantUsageRow>,
} as const;
