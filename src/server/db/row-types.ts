/**
 * Every table in `public` with its columns and their Postgres types (format_type), as the migrations
 * make them. tests/integration/row-types.test.ts compares this with the live catalog, so a migration
 * that adds, drops or retypes a column fails until this map follows: it is the schema's one mirror in
 * TypeScript. Row shapes the code reads are declared where they are read (a query's own type), and
 * vocabularies live in src/lib (roles and permissions, audit actions, sync and integration statuses).
 */
export const TABLE_COLUMNS: Record<string, Record<string, string>> = {
  roles: { role: "text", rank: "integer", label: "text" },
  role_permissions: { role: "text", permission: "text" },
  audit_actions: { action: "text", description: "text" },
  org_members: {
    org_id: "uuid", user_id: "uuid", role: "text", status: "text",
    created_at: "timestamp with time zone", updated_at: "timestamp with time zone",
  },
  user_profiles: {
    user_id: "uuid", email: "text", full_name: "text", last_sign_in_at: "timestamp with time zone",
    created_at: "timestamp with time zone", updated_at: "timestamp with time zone",
  },
  audit_events: {
    id: "bigint", org_id: "uuid", actor_user_id: "uuid", actor_type: "text", action: "text",
    target_type: "text", target_id: "text", metadata: "jsonb", ip: "inet", user_agent: "text",
    request_id: "text", created_at: "timestamp with time zone",
  },
  org_invitations: {
    id: "uuid", org_id: "uuid", email: "text", role: "text", token_hash: "text", invited_by: "uuid",
    expires_at: "timestamp with time zone", accepted_at: "timestamp with time zone", accepted_by: "uuid",
    revoked_at: "timestamp with time zone", sent_count: "integer", last_sent_at: "timestamp with time zone",
    created_at: "timestamp with time zone",
  },
  subscriptions: {
    org_id: "uuid", plan: "text", status: "text",
    created_at: "timestamp with time zone", updated_at: "timestamp with time zone",
  },
  jobs: {
    id: "uuid", org_id: "uuid", kind: "text", payload: "jsonb", status: "text", attempts: "integer",
    max_attempts: "integer", run_after: "timestamp with time zone", lease_token: "uuid", locked_by: "text",
    locked_until: "timestamp with time zone", heartbeat_at: "timestamp with time zone", idempotency_key: "text",
    progress: "jsonb", result: "jsonb", error: "text", cancel_requested_at: "timestamp with time zone",
    created_by: "uuid", created_at: "timestamp with time zone", updated_at: "timestamp with time zone",
    started_at: "timestamp with time zone", finished_at: "timestamp with time zone",
  },
  xero_contacts: { id: "uuid", org_id: "uuid", external_id: "text", name: "text", email: "text", is_customer: "boolean", is_supplier: "boolean", contact_status: "text", updated_date_utc: "timestamp with time zone", synced_at: "timestamp with time zone" },
  xero_accounts: { id: "uuid", org_id: "uuid", external_id: "text", code: "text", name: "text", type: "text", class: "text", status: "text", updated_date_utc: "timestamp with time zone", synced_at: "timestamp with time zone" },
  xero_invoices: { id: "uuid", org_id: "uuid", external_id: "text", invoice_number: "text", type: "text", status: "text", contact_external_id: "text", date: "date", due_date: "date", sub_total: "numeric(14,2)", total_tax: "numeric(14,2)", total: "numeric(14,2)", amount_due: "numeric(14,2)", amount_paid: "numeric(14,2)", amount_credited: "numeric(14,2)", currency_code: "text", fully_paid_on_date: "date", updated_date_utc: "timestamp with time zone", synced_at: "timestamp with time zone" },
  xero_payments: { id: "uuid", org_id: "uuid", external_id: "text", invoice_external_id: "text", account_external_id: "text", payment_type: "text", status: "text", date: "date", amount: "numeric(14,2)", currency_code: "text", updated_date_utc: "timestamp with time zone", synced_at: "timestamp with time zone" },
  xpm_clients: { id: "uuid", org_id: "uuid", external_id: "text", name: "text", email: "text", is_archived: "boolean", synced_at: "timestamp with time zone" },
  xpm_staff: { id: "uuid", org_id: "uuid", external_id: "text", name: "text", email: "text", is_active: "boolean", weekly_capacity_hours: "numeric(5,2)", billable_rate: "numeric(10,2)", cost_rate: "numeric(10,2)", synced_at: "timestamp with time zone" },
  xpm_jobs: { id: "uuid", org_id: "uuid", external_id: "text", job_number: "text", client_external_id: "text", name: "text", state: "text", start_date: "date", due_date: "date", completed_date: "date", budget: "numeric(14,2)", synced_at: "timestamp with time zone" },
  xpm_time_entries: { id: "uuid", org_id: "uuid", external_id: "text", job_external_id: "text", staff_external_id: "text", task_name: "text", entry_date: "date", minutes: "integer", billable: "boolean", billable_rate: "numeric(10,2)", invoice_task_external_id: "text", synced_at: "timestamp with time zone" },
  xpm_costs: { id: "uuid", org_id: "uuid", external_id: "text", job_external_id: "text", cost_date: "date", description: "text", quantity: "numeric(12,2)", unit_cost: "numeric(12,2)", unit_price: "numeric(12,2)", billable: "boolean", invoice_external_id: "text", synced_at: "timestamp with time zone" },
  xpm_invoices: { id: "uuid", org_id: "uuid", external_id: "text", invoice_number: "text", client_external_id: "text", job_external_id: "text", type: "text", status: "text", invoice_date: "date", due_date: "date", amount: "numeric(14,2)", amount_tax: "numeric(14,2)", amount_including_tax: "numeric(14,2)", amount_paid: "numeric(14,2)", amount_outstanding: "numeric(14,2)", synced_at: "timestamp with time zone" },
  finance_daily_totals: { org_id: "uuid", day: "date", revenue: "numeric(16,2)", expenses: "numeric(16,2)", invoices_issued: "integer", cash_received: "numeric(16,2)", cash_paid: "numeric(16,2)", refreshed_at: "timestamp with time zone" },
  dashboards: { id: "uuid", org_id: "uuid", key: "text", title: "text", description: "text", kind: "text", native_view: "text", metabase_dashboard_id: "integer", enabled: "boolean", position: "integer", allowed_roles: "text[]", created_at: "timestamp with time zone", updated_at: "timestamp with time zone" },
  dashboard_views: { id: "bigint", org_id: "uuid", dashboard_id: "uuid", user_id: "uuid", viewed_at: "timestamp with time zone" },
  integration_token_sets: { id: "uuid", org_id: "uuid", access_token_enc: "text", refresh_token_enc: "text", expires_at: "timestamp with time zone", scopes: "text[]", auth_event_id: "text", refreshed_at: "timestamp with time zone", created_at: "timestamp with time zone" },
  integration_connections: { id: "uuid", org_id: "uuid", provider: "text", tenant_id: "text", tenant_name: "text", xero_connection_id: "text", token_set_id: "uuid", status: "text", base_currency: "text", checkpoints: "jsonb", paused_until: "timestamp with time zone", token_expires_at: "timestamp with time zone", token_refreshed_at: "timestamp with time zone", last_success_at: "timestamp with time zone", last_error: "text", last_error_at: "timestamp with time zone", rate_headroom: "jsonb", connected_by: "uuid", connected_at: "timestamp with time zone", disconnected_at: "timestamp with time zone", updated_at: "timestamp with time zone" },
  integration_oauth_states: { state_hash: "text", org_id: "uuid", user_id: "uuid", provider: "text", expires_at: "timestamp with time zone", used_at: "timestamp with time zone", created_at: "timestamp with time zone" },
  sync_runs: { id: "uuid", org_id: "uuid", connection_id: "uuid", job_id: "uuid", trigger: "text", status: "text", entities: "text[]", full_resync: "boolean", counts: "jsonb", pages: "integer", api_calls: "integer", progress: "jsonb", error: "text", retry_at: "timestamp with time zone", requested_by: "uuid", created_at: "timestamp with time zone", started_at: "timestamp with time zone", finished_at: "timestamp with time zone" },
  xero_webhook_events: { id: "uuid", org_id: "uuid", connection_id: "uuid", dedupe_key: "text", event_category: "text", event_type: "text", resource_id: "text", event_date_utc: "timestamp with time zone", payload: "jsonb", sync_run_id: "uuid", received_at: "timestamp with time zone" },
  alert_events: { id: "bigint", org_id: "uuid", alert_id: "uuid", kind: "text", from_level: "text", to_level: "text", utilization_percent: "numeric", actor_user_id: "uuid", note: "text", detail: "jsonb", evaluation_id: "uuid", created_at: "timestamp with time zone" },
  alert_notifications: { id: "uuid", org_id: "uuid", alert_id: "uuid", po_id: "uuid", level: "text", from_level: "text", user_id: "uuid", utilization_percent: "numeric", order_value: "numeric(14,2)", spent: "numeric(18,2)", evaluation_id: "uuid", digest: "boolean", status: "text", email_key: "text", created_at: "timestamp with time zone", sent_at: "timestamp with time zone" },
  alerts: { id: "uuid", org_id: "uuid", po_id: "uuid", level: "text", peak_level: "text", opened_level: "text", status: "text", regression: "boolean", previous_alert_id: "uuid", opened_utilization: "numeric", utilization_percent: "numeric", below_warning_streak: "smallint", acknowledged_by: "uuid", acknowledged_at: "timestamp with time zone", acknowledged_level: "text", note: "text", opened_at: "timestamp with time zone", last_escalated_at: "timestamp with time zone", resolved_at: "timestamp with time zone", resolved_reason: "text", updated_at: "timestamp with time zone" },
  assistant_conversations: { id: "uuid", org_id: "uuid", user_id: "uuid", title: "text", created_at: "timestamp with time zone", updated_at: "timestamp with time zone" },
  assistant_messages: { id: "uuid", conversation_id: "uuid", org_id: "uuid", user_id: "uuid", role: "text", content: "text", answer: "jsonb", created_at: "timestamp with time zone" },
  assistant_usage: { id: "bigint", org_id: "uuid", user_id: "uuid", asked_at: "timestamp with time zone" },
  import_changes: { id: "bigint", import_id: "uuid", org_id: "uuid", table_name: "text", row_id: "uuid", row_key: "text", previous: "jsonb", version_after: "integer", outcome: "text", reverted_at: "timestamp with time zone" },
  import_mappings: { org_id: "uuid", type: "text", mapping: "jsonb", updated_by: "uuid", updated_at: "timestamp with time zone" },
  import_rows: { import_id: "uuid", row_number: "integer", org_id: "uuid", action: "text", key: "text", values: "jsonb", errors: "jsonb" },
  imports: { id: "uuid", org_id: "uuid", type: "text", status: "text", file_name: "text", file_size: "bigint", file_sha256: "text", storage_path: "text", file_deleted_at: "timestamp with time zone", sheets: "jsonb", sheet: "text", header_row: "integer", headers: "jsonb", mapping: "jsonb", mapping_sources: "jsonb", revision: "integer", counts: "jsonb", progress: "jsonb", checkpoint_row: "integer", error_summary: "jsonb", error: "text", result: "jsonb", validate_job_id: "uuid", process_job_id: "uuid", revert_job_id: "uuid", created_by: "uuid", created_at: "timestamp with time zone", validated_at: "timestamp with time zone", confirmed_by: "uuid", confirmed_at: "timestamp with time zone", finished_at: "timestamp with time zone", revert_requested_by: "uuid", revert_requested_at: "timestamp with time zone", reverted_at: "timestamp with time zone", updated_at: "timestamp with time zone" },
  notification_preferences: { org_id: "uuid", user_id: "uuid", alert_emails: "boolean", updated_at: "timestamp with time zone" },
  organizations: { id: "uuid", slug: "text", name: "text", timezone: "text", currency: "text", created_at: "timestamp with time zone", updated_at: "timestamp with time zone", alert_warning_pct: "numeric(5,1)", alert_critical_pct: "numeric(5,1)", alert_over_budget_pct: "numeric(5,1)", deleted_at: "timestamp with time zone", deleted_by: "uuid", purge_after: "timestamp with time zone", assistant_model_enabled: "boolean", locale: "text" },
  purchase_orders: { id: "uuid", org_id: "uuid", po_number: "text", supplier: "text", description: "text", order_value: "numeric(14,2)", currency: "text", order_date: "date", job_number: "text", status: "text", source: "text", import_id: "uuid", created_import_id: "uuid", spent: "numeric(18,2)", utilization_percent: "numeric", version: "integer", created_by: "uuid", created_at: "timestamp with time zone", updated_by: "uuid", updated_at: "timestamp with time zone" },
  quantity_surveys: { id: "uuid", org_id: "uuid", qs_number: "text", po_id: "uuid", valuation_date: "date", amount: "numeric(14,2)", description: "text", source: "text", import_id: "uuid", created_import_id: "uuid", version: "integer", created_by: "uuid", created_at: "timestamp with time zone", updated_by: "uuid", updated_at: "timestamp with time zone" },
};
