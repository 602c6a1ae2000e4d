/**
 * What an organization export holds: ONE list, one line per table of schema `public`. A table added
 * by a later migration is exported by adding its line here (most need only the name: rows scoped by
 * `org_id`, ordered by `id`). tests/integration/organization-export.test.ts fails for any table with
 * an `org_id` column that is neither here nor in NOT_EXPORTED.
 *
 * Rows are read as the exporting admin, under RLS, and only through the columns the API role may
 * read (so a token hash never leaves the database).
 */
export interface ExportTable {
  table: string;
  /** How a row belongs to the organization: its `org_id` (default), its `id` (the organization itself), or a member's `user_id`. */
  scope?: "org_id" | "id" | "member";
  /** A unique ordering, for reading in pages (default `id`). */
  key?: readonly string[];
}

export const EXPORT_TABLES: readonly ExportTable[] = [
  { table: "organizations", scope: "id" },
  { table: "org_members", key: ["user_id"] },
  { table: "user_profiles", scope: "member", key: ["user_id"] },
  { table: "org_invitations" },
  { table: "subscriptions", key: ["org_id"] },
  { table: "dashboards" },
  { table: "dashboard_views" },
  { table: "integration_connections" },
  { table: "sync_runs" },
  { table: "xero_webhook_events" },
  { table: "xero_accounts" },
  { table: "xero_contacts" },
  { table: "xero_invoices" },
  { table: "xero_payments" },
  { table: "xpm_clients" },
  { table: "xpm_staff" },
  { table: "xpm_jobs" },
  { table: "xpm_time_entries" },
  { table: "xpm_costs" },
  { table: "xpm_invoices" },
  { table: "finance_daily_totals", key: ["day"] },
  { table: "jobs" },
  { table: "audit_events" },
  { table: "purchase_orders" },
  { table: "quantity_surveys" },
  { table: "imports" },
  { table: "import_rows", key: ["import_id", "row_number"] },
  { table: "import_changes" },
  { table: "import_mappings", key: ["type"] },
  { table: "alerts" },
  { table: "alert_events" },
  { table: "alert_notifications" },
  { table: "notification_preferences", key: ["user_id"] },
];

/** Held for an organization, deliberately left out of its export. */
export const NOT_EXPORTED: Readonly<Record<string, string>> = {
  integration_token_sets: "OAuth tokens of the Xero connections: secrets, and useless outside this installation",
  integration_oauth_states: "single-use OAuth states that expire after ten minutes",
  assistant_conversations: "each member's own questions to the assistant, private to that member (not even admins read them)",
  assistant_messages: "the questions and answers of those private conversations",
  assistant_usage: "the assistant's hourly rate-limit counter",
  receivables_by_contact_due: "a rollup of the exported invoices, rebuilt from them by triggers",
  receivables_by_contact: "a rollup of the exported invoices, rebuilt from them by triggers",
  receivables_by_due: "a rollup of the exported invoices, rebuilt from them by triggers",
  finance_daily_by_contact: "a rollup of the exported invoices and payments, rebuilt from them by triggers",
  finance_monthly_by_contact: "a rollup of the exported invoices and payments (by way of the daily one), rebuilt from them by triggers",
  practice_daily: "a rollup of the exported time entries and costs, rebuilt from them by triggers",
  practice_staff_hours: "a rollup of the exported time entries, rebuilt from them by triggers",
  practice_job_totals: "a rollup of the exported time entries and costs, rebuilt from them by triggers",
  practice_jobs: "a rollup of the exported jobs and their time and costs, rebuilt from them by triggers",
  practice_client_wip: "a rollup of the exported jobs' work in progress by client, rebuilt from them by triggers",
  practice_wip_totals: "a rollup of the exported jobs' work in progress, rebuilt from them by triggers",
  practice_budget_calendar: "a rollup of the exported jobs' budgets by start and end day, rebuilt from them by triggers",
};
