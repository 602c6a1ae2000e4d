/**
 * The tenant-isolation registry: one entry per table in schema `public`.
 *
 * tests/integration/tenant-isolation.test.ts lists every table of `public` from the catalog and fails
 * for any table missing here, so a new migration cannot add a table without saying how it is isolated.
 *
 * To add a table, add one object to ISOLATION_REGISTRY, keyed by the table name:
 *
 * - Global reference data every organization shares (like `roles`): `kind: "global"` with the key of
 *   an existing row, a column to try to update and an insert payload. The suite proves that no API
 *   role (anon, authenticated, service_role) can insert, update or delete it; reading is allowed.
 *
 * - Tenant data: `kind: "tenant"` with
 *   - `rows`: one or more rows that belong to org A. `create` runs as the connection role (RLS and
 *     grants do not apply) and returns the row's key (column → value, usually the primary key).
 *     `visibleTo` lists the roles of org A whose members the select policy lets see the row; the suite
 *     checks exactly that, so it cannot pass because a select is wrongly denied to everybody.
 *   - `update`: a column the API grants would let somebody update, and a new value.
 *     `updatableBy` (optional) lists the org A roles that may update the row: proved positively.
 *   - `insert(world, actor)`: the most dangerous row an outsider could insert claiming org A
 *     (e.g. a membership of org A for themselves). It must be refused with 42501.
 *
 * Outsiders (anonymous, each role of org B, a deactivated admin of org A) must not see, update,
 * delete or insert any of these rows. Write probes always roll back.
 */
import { randomUUID } from "node:crypto";
import type { Tx } from "@/server/db";
import { sql } from "@/server/db/sql";
import { ROLES, type Role } from "@/lib/permissions";
import type { Actor, RowKey, World } from "./world";

export interface GlobalTable {
  kind: "global";
  /** An existing row (seeded by the migrations). */
  sampleKey: RowKey;
  update: { column: string; value: unknown };
  insert: () => RowKey;
}

export interface TenantRow {
  label: string;
  create: (tx: Tx, world: World) => Promise<RowKey>;
  visibleTo: readonly Role[];
  updatableBy?: readonly Role[];
}

export interface TenantTable {
  kind: "tenant";
  rows: readonly TenantRow[];
  update: { column: string; value: unknown };
  insert: (world: World, actor: Actor) => RowKey;
}

export type IsolationEntry = GlobalTable | TenantTable;

/** A user id the insert payload can claim: the actor's own, or a fresh one for anon. */
const claimant = (actor: Actor) => actor.userId ?? randomUUID();


/**
 * Synced data (Xero, XPM) and the rollups: readable by a permission, written only by the service role.
 * `values` are the columns a minimal row needs besides org_id and external_id.
 */
const FINANCE_READERS: readonly Role[] = ["admin", "executive", "finance"];
function syncedTable(table: string, values: Record<string, unknown>, visibleTo: readonly Role[], update: { column: string; value: unknown }): TenantTable {
  const columns = Object.keys(values);
  return {
    kind: "tenant",
    rows: [
      {
        label: `org A ${table} row`,
        create: async (tx, w) => {
          const external = `ext-${randomUUID()}`;
          const names = ["org_id", "external_id", ...columns].join(", ");
          const params = [w.orgA.id, external, ...columns.map((c) => values[c])];
          // Built from the fixed column names above, values as parameters.
          return tx.one<RowKey>(sql([`insert into public.${table} (${names}) values (`, ...params.slice(1).map(() => ", "), ") returning id"], ...params));
        },
        visibleTo,
      },
    ],
    update,
    // A forged row claiming org A (the sync alone writes synced data).
    insert: (w) => ({ org_id: w.orgA.id, external_id: `forged-${randomUUID()}`, ...values }),
  };
}

/**
 * A rollup the triggers keep from synced rows (migration 20261130020100_rollups.sql): read as the
 * rows it comes from, written by nobody through the API. `values` holds its key columns.
 */
function rollupTable(table: string, values: Record<string, unknown>, visibleTo: readonly Role[], update: { column: string; value: unknown }): TenantTable {
  const columns = Object.keys(values);
  return {
    kind: "tenant",
    rows: [
      {
        label: `org A ${table} row`,
        create: async (tx, w) => {
          const params = [w.orgA.id, ...columns.map((c) => values[c])];
          // Built from the fixed column names above, values as parameters.
          return tx.one<RowKey>(sql(
            [`insert into public.${table} (org_id, ${columns.join(", ")}) values (`, ...params.slice(1).map(() => ", "), `) returning org_id, ${columns.join(", ")}`],
            ...params,
          ));
        },
        visibleTo,
      },
    ],
    update,
    insert: (w) => ({ org_id: w.orgA.id, ...values, [update.column]: update.value }),
  };
}

/** Procurement: readers of POs and QSs, and the roles that run imports. */
const PROCUREMENT_READERS: readonly Role[] = ["admin", "executive", "finance", "operator"];
const IMPORTERS: readonly Role[] = ["admin", "finance", "operator"];

/** An import of org A (the connection role bypasses RLS), for the rows that hang off one. */
async function orgAImport(tx: Tx, w: World, status = "succeeded"): Promise<string> {
  const row = await tx.one<{ id: string }>(sql`
    insert into public.imports (org_id, type, status, file_name, file_size, file_sha256, storage_path, created_by)
    values (${w.orgA.id}, 'purchase_orders', ${status}, 'orders.xlsx', 1024, ${"a".repeat(64)},
            ${`${w.orgA.id}/${randomUUID()}.xlsx`}, ${w.a.finance.id})
    returning id`);
  return row.id;
}

async function orgAPurchaseOrder(tx: Tx, w: World): Promise<string> {
  const row = await tx.one<{ id: string }>(sql`
    insert into public.purchase_orders (org_id, po_number, supplier, order_value, currency)
    values (${w.orgA.id}, ${`PO-${randomUUID().slice(0, 8)}`}, 'Acme Supplies', 1000, 'NZD') returning id`);
  return row.id;
}

/** Alerts: read with alerts.read (admin, executive, finance, operator); written by the evaluation job. */
const ALERT_READERS: readonly Role[] = ["admin", "executive", "finance", "operator"];

async function orgAAlert(tx: Tx, w: World): Promise<string> {
  const poId = await orgAPurchaseOrder(tx, w);
  const row = await tx.one<{ id: string }>(sql`
    insert into public.alerts (org_id, po_id, level, peak_level, opened_level, opened_utilization, utilization_percent)
    values (${w.orgA.id}, ${poId}, 'critical', 'critical', 'critical', 92.5, 92.5) returning id`);
  return row.id;
}

/** A conversation of org A's finance member with the assistant (private to that member). */
async function orgAConversation(tx: Tx, w: World): Promise<string> {
  const row = await tx.one<{ id: string }>(sql`
    insert into public.assistant_conversations (org_id, user_id, title)
    values (${w.orgA.id}, ${w.a.finance.id}, 'Who owes us the most?') returning id`);
  return row.id;
}

export const ISOLATION_REGISTRY: Record<string, IsolationEntry> = {
  roles: {
    kind: "global",
    sampleKey: { role: "staff" },
    update: { column: "rank", value: 99 },
    insert: () => ({ role: "owner", rank: 99, label: "Owner" }),
  },

  audit_actions: {
    kind: "global",
    sampleKey: { action: "auth.logout" },
    update: { column: "description", value: "forged" },
    insert: () => ({ action: "auth.forged", description: "Forged" }),
  },

  role_permissions: {
    kind: "global",
    sampleKey: { role: "staff", permission: "dashboards.view" },
    update: { column: "permission", value: "org.manage" },
    insert: () => ({ role: "staff", permission: "org.manage" }),
  },

  organizations: {
    kind: "tenant",
    rows: [
      {
        label: "org A",
        create: async (_tx, w) => ({ id: w.orgA.id }),
        visibleTo: ROLES,
        updatableBy: ["admin"],
      },
    ],
    update: { column: "name", value: "Taken over" },
    // Same id as org A: RLS must refuse it before the primary key could.
    insert: (w) => ({ id: w.orgA.id, slug: `x-${randomUUID().slice(0, 8)}`, name: "Org A twin" }),
  },

  org_members: {
    kind: "tenant",
    rows: [
      {
        label: "org A's admin membership",
        create: async (_tx, w) => ({ org_id: w.orgA.id, user_id: w.a.admin.id }),
        visibleTo: ROLES,
      },
    ],
    update: { column: "role", value: "staff" },
    // Joining org A as an admin.
    insert: (w, actor) => ({ org_id: w.orgA.id, user_id: claimant(actor), role: "admin" }),
  },

  user_profiles: {
    kind: "tenant",
    rows: [
      {
        // Keyed by user: the profile of an org-A-only member (created by the auth.users trigger).
        label: "profile of org A's staff member",
        create: async (_tx, w) => ({ user_id: w.a.staff.id }),
        visibleTo: ROLES,
        updatableBy: ["staff"],
      },
    ],
    update: { column: "full_name", value: "Renamed" },
    insert: (w) => ({ user_id: w.a.staff.id, email: "twin@example.test", full_name: "Twin" }),
  },

  audit_events: {
    kind: "tenant",
    rows: [
      {
        label: "org A event",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`
            insert into public.audit_events (org_id, actor_user_id, actor_type, action)
            values (${w.orgA.id}, ${w.a.admin.id}, 'user', 'auth.logout') returning id`),
        visibleTo: ["admin", "executive"],
      },
      {
        // org_id null: a sign-in event that belongs to its actor only.
        label: "org-less event of org A's staff member",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`
            insert into public.audit_events (org_id, actor_user_id, actor_type, action)
            values (null, ${w.a.staff.id}, 'user', 'auth.login_succeeded') returning id`),
        visibleTo: ["staff"],
      },
    ],
    update: { column: "action", value: "auth.login_failed" },
    insert: (w, actor) => ({ org_id: w.orgA.id, actor_user_id: claimant(actor), actor_type: "user", action: "auth.logout" }),
  },

  org_invitations: {
    kind: "tenant",
    rows: [
      {
        label: "pending invitation to org A",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`
            insert into public.org_invitations (org_id, email, role, token_hash, invited_by, expires_at)
            values (${w.orgA.id}, ${`invitee-${randomUUID().slice(0, 8)}@example.test`}, 'staff',
                    encode(extensions.digest(${randomUUID()}, 'sha256'), 'hex'), ${w.a.admin.id}, now() + interval '7 days')
            returning id`),
        visibleTo: ["admin", "executive"],
      },
    ],
    update: { column: "role", value: "admin" },
    // An invitation to org A, as admin, with a token hash the outsider knows.
    insert: (w, actor) => ({ org_id: w.orgA.id, email: "outsider@example.test", role: "admin", token_hash: "a".repeat(64), invited_by: claimant(actor), expires_at: "2999-01-01T00:00:00Z" }),
  },

  subscriptions: {
    kind: "tenant",
    rows: [
      {
        label: "org A's subscription",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`insert into public.subscriptions (org_id) values (${w.orgA.id}) returning org_id`),
        visibleTo: ["admin"],
      },
    ],
    update: { column: "plan", value: "free" },
    insert: (w) => ({ org_id: w.orgA.id }),
  },

  jobs: {
    kind: "tenant",
    rows: [
      {
        // Members watch their organization's jobs (progress bars); only the runners write them.
        label: "org A job",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`
            insert into public.jobs (org_id, kind, payload) values (${w.orgA.id}, 'system.noop', '{}') returning id`),
        visibleTo: ROLES,
      },
    ],
    update: { column: "status", value: "succeeded" },
    // A finished job with a forged result; members may only enqueue through app_private.enqueue_job.
    insert: (w) => ({ org_id: w.orgA.id, kind: "system.noop", status: "succeeded", result: { forged: true } }),
  },

  xero_contacts: syncedTable("xero_contacts", { name: "Forged Ltd" }, FINANCE_READERS, { column: "name", value: "Renamed" }),
  xero_accounts: syncedTable("xero_accounts", { name: "Sales", type: "REVENUE" }, FINANCE_READERS, { column: "name", value: "Renamed" }),
  xero_invoices: syncedTable(
    "xero_invoices",
    { type: "ACCREC", status: "AUTHORISED", contact_external_id: "c-1", date: "2026-01-15", total: 100, amount_due: 100, currency_code: "NZD" },
    FINANCE_READERS,
    { column: "amount_due", value: 0 },
  ),
  xero_payments: syncedTable(
    "xero_payments",
    { invoice_external_id: "i-1", payment_type: "ACCRECPAYMENT", date: "2026-01-20", amount: 100, currency_code: "NZD" },
    FINANCE_READERS,
    { column: "amount", value: 1 },
  ),
  xpm_invoices: syncedTable(
    "xpm_invoices",
    { invoice_number: "XPM-1", client_external_id: "c-1", status: "Approved", invoice_date: "2026-01-15", amount: 100 },
    FINANCE_READERS,
    { column: "amount", value: 1 },
  ),
  // Practice work is what the whole firm works on: every member with dashboards.view reads it.
  xpm_clients: syncedTable("xpm_clients", { name: "Client Ltd" }, ROLES, { column: "name", value: "Renamed" }),
  xpm_staff: syncedTable("xpm_staff", { name: "Somebody" }, ROLES, { column: "billable_rate", value: 1 }),
  xpm_jobs: syncedTable("xpm_jobs", { job_number: "J1", client_external_id: "c-1", name: "Tax return", state: "In Progress" }, ROLES, { column: "budget", value: 1 }),
  xpm_time_entries: syncedTable(
    "xpm_time_entries",
    { job_external_id: "j-1", staff_external_id: "s-1", entry_date: "2026-01-15", minutes: 60, billable: true },
    ROLES,
    { column: "minutes", value: 600 },
  ),
  xpm_costs: syncedTable("xpm_costs", { job_external_id: "j-1", cost_date: "2026-01-15" }, ROLES, { column: "unit_price", value: 1 }),

  finance_daily_totals: {
    kind: "tenant",
    rows: [
      {
        label: "org A rollup day",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`
            insert into public.finance_daily_totals (org_id, day, revenue) values (${w.orgA.id}, '2026-03-03', 100) returning org_id, day`),
        visibleTo: FINANCE_READERS,
      },
    ],
    update: { column: "revenue", value: 1 },
    insert: (w) => ({ org_id: w.orgA.id, day: "2026-01-16", revenue: 1_000_000 }),
  },

  // Rollups: receivables and money by contact are accounting data; WIP and hours are practice work.
  // Keys of their own: the synced rows above already made rollup rows by triggers.
  receivables_by_contact_due: rollupTable("receivables_by_contact_due", { contact_external_id: "iso-contact", due_date: "2026-03-03" }, FINANCE_READERS, { column: "amount_due", value: 1 }),
  receivables_by_contact: rollupTable("receivables_by_contact", { contact_external_id: "iso-contact" }, FINANCE_READERS, { column: "amount_due", value: 1 }),
  receivables_by_due: rollupTable("receivables_by_due", { due_date: "2026-03-03" }, FINANCE_READERS, { column: "amount_due", value: 1 }),
  finance_daily_by_contact: rollupTable("finance_daily_by_contact", { contact_external_id: "iso-contact", day: "2026-03-03" }, FINANCE_READERS, { column: "revenue", value: 1 }),
  // Its own contact: the daily row above already made this month's row for iso-contact by trigger.
  finance_monthly_by_contact: rollupTable("finance_monthly_by_contact", { contact_external_id: "iso-contact-month", month: "2026-03-01" }, FINANCE_READERS, { column: "revenue", value: 1 }),
  practice_daily: rollupTable("practice_daily", { day: "2026-03-03", job_external_id: "iso-job", staff_external_id: "iso-staff" }, ROLES, { column: "billable_minutes", value: 60 }),
  practice_staff_hours: rollupTable("practice_staff_hours", { grain: "day", period: "2026-03-03", staff_external_id: "iso-staff" }, ROLES, { column: "billable_minutes", value: 60 }),
  practice_job_totals: rollupTable("practice_job_totals", { job_external_id: "iso-job" }, ROLES, { column: "wip_time", value: 1 }),
  // Keys of their own too: the synced job above already made rows for iso-job and its client.
  practice_jobs: rollupTable("practice_jobs", { job_external_id: "iso-job-rollup", job_number: "J-ISO", name: "Iso job", client_external_id: "iso-client-rollup" }, ROLES, { column: "wip_time", value: 1 }),
  practice_client_wip: rollupTable("practice_client_wip", { client_external_id: "iso-client-rollup", jobs: 1, time_c: 0, costs_c: 0, wip_c: 0, top_c: 0, first_job: "J-ISO" }, ROLES, { column: "wip_c", value: 1 }),
  practice_wip_totals: {
    kind: "tenant",
    rows: [
      {
        // One row per organization, which the client row above may already have made by trigger.
        label: "org A practice_wip_totals row",
        create: (tx, w) => tx.one<RowKey>(sql`
          insert into public.practice_wip_totals (org_id, jobs) values (${w.orgA.id}, 0)
          on conflict (org_id) do update set jobs = excluded.jobs returning org_id`),
        visibleTo: ROLES,
      },
    ],
    update: { column: "wip_c", value: 1 },
    insert: (w) => ({ org_id: w.orgA.id, wip_c: 1 }),
  },
  practice_budget_calendar: rollupTable("practice_budget_calendar", { day: "2030-03-03" }, ROLES, { column: "starts", value: 1 }),

  dashboards: {
    kind: "tenant",
    rows: [
      {
        // Every member sees the configuration; dashboards.manage (admins) changes it.
        label: "org A dashboard",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`
            insert into public.dashboards (org_id, key, title, kind, native_view, allowed_roles)
            values (${w.orgA.id}, 'iso-financial', 'Financial', 'native', 'financial', array['finance']) returning id`),
        visibleTo: ROLES,
        updatableBy: ["admin"],
      },
    ],
    update: { column: "allowed_roles", value: ["admin", "executive", "finance", "operator", "staff"] },
    insert: (w) => ({ org_id: w.orgA.id, key: "forged", title: "Forged", kind: "metabase", metabase_dashboard_id: 7, allowed_roles: ["staff"] }),
  },

  dashboard_views: {
    kind: "tenant",
    rows: [
      {
        // Members see their own views; admins (dashboards.manage) and executives (audit.read) everyone's.
        label: "org A staff member's view",
        create: async (tx, w) => {
          const d = await tx.one<{ id: string }>(sql`
            insert into public.dashboards (org_id, key, title, kind, native_view, allowed_roles)
            values (${w.orgA.id}, 'iso-views', 'Practice', 'native', 'practice', array['staff']) returning id`);
          return tx.one<RowKey>(sql`
            insert into public.dashboard_views (org_id, dashboard_id, user_id) values (${w.orgA.id}, ${d.id}, ${w.a.staff.id}) returning id`);
        },
        visibleTo: ["admin", "executive", "staff"],
      },
    ],
    update: { column: "viewed_at", value: "2000-01-01T00:00:00Z" },
    // A view recorded in org A's name by somebody else (or for somebody else).
    insert: (w) => ({ org_id: w.orgA.id, dashboard_id: randomUUID(), user_id: w.a.staff.id }),
  },
  // Tokens: no API role but the service role reads or writes them, not even the org's own admins.
  integration_token_sets: {
    kind: "tenant",
    rows: [
      {
        label: "org A token set",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`
            insert into public.integration_token_sets (id, org_id, access_token_enc, refresh_token_enc, expires_at)
            values (gen_random_uuid(), ${w.orgA.id}, 'v1.a.b', 'v1.c.d', now() + interval '30 minutes') returning id`),
        visibleTo: [],
      },
    ],
    update: { column: "refresh_token_enc", value: "v1.forged.token" },
    insert: (w) => ({ id: randomUUID(), org_id: w.orgA.id, access_token_enc: "x", refresh_token_enc: "y", expires_at: "2030-01-01T00:00:00Z" }),
  },

  // Connection status: sync readers and integration managers see it; only guarded functions change it.
  integration_connections: {
    kind: "tenant",
    rows: [
      {
        label: "org A Xero connection",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`
            insert into public.integration_connections (org_id, provider, tenant_id, tenant_name)
            values (${w.orgA.id}, 'xero', ${randomUUID()}, 'Org A Ltd') returning id`),
        visibleTo: ["admin", "executive", "finance", "operator"],
      },
    ],
    update: { column: "status", value: "disconnected" },
    // Pointing org A's data at a tenant the outsider controls.
    insert: (w) => ({ org_id: w.orgA.id, provider: "xero", tenant_id: randomUUID(), tenant_name: "Hijack" }),
  },

  // OAuth states: only the user who started the connect flow sees (and consumes) theirs.
  integration_oauth_states: {
    kind: "tenant",
    rows: [
      {
        label: "org A admin's OAuth state",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`
            insert into public.integration_oauth_states (state_hash, org_id, user_id, provider, expires_at)
            values (encode(sha256(gen_random_uuid()::text::bytea), 'hex'), ${w.orgA.id}, ${w.a.admin.id}, 'xero', now() + interval '10 minutes')
            returning state_hash`),
        visibleTo: ["admin"],
        updatableBy: ["admin"],
      },
    ],
    update: { column: "used_at", value: "2030-01-01T00:00:00Z" },
    // A state planted for org A (a callback would then connect the outsider's Xero to org A).
    insert: (w, actor) => ({
      state_hash: "f".repeat(64), org_id: w.orgA.id, user_id: claimant(actor), provider: "xero", expires_at: "2030-01-01T00:00:00Z",
    }),
  },

  sync_runs: {
    kind: "tenant",
    rows: [
      {
        label: "org A sync run",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`
            with c as (insert into public.integration_connections (org_id, provider, tenant_id) values (${w.orgA.id}, 'xero', ${randomUUID()}) returning id)
            insert into public.sync_runs (org_id, connection_id, trigger, status) select ${w.orgA.id}, c.id, 'manual', 'succeeded' from c returning id`),
        visibleTo: ["admin", "executive", "finance", "operator"],
      },
    ],
    update: { column: "status", value: "failed" },
    // A forged finished run (history) for org A.
    insert: (w) => ({ org_id: w.orgA.id, connection_id: randomUUID(), trigger: "manual", status: "succeeded" }),
  },

  xero_webhook_events: {
    kind: "tenant",
    rows: [
      {
        label: "org A webhook event",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`
            with c as (insert into public.integration_connections (org_id, provider, tenant_id) values (${w.orgA.id}, 'xero', ${randomUUID()}) returning id)
            insert into public.xero_webhook_events (org_id, connection_id, dedupe_key, event_category, event_type, resource_id, event_date_utc, payload)
            select ${w.orgA.id}, c.id, ${randomUUID()}, 'INVOICE', 'UPDATE', ${randomUUID()}, now(), '{}' from c returning id`),
        visibleTo: ["admin", "executive", "finance", "operator"],
      },
    ],
    update: { column: "event_type", value: "CREATE" },
    insert: (w) => ({
      org_id: w.orgA.id, connection_id: randomUUID(), dedupe_key: randomUUID(), event_category: "INVOICE", event_type: "UPDATE",
      resource_id: randomUUID(), event_date_utc: "2030-01-01T00:00:00Z", payload: {},
    }),
  },

  // Procurement: written only by the import jobs (service role); read with procurement.read.
  purchase_orders: {
    kind: "tenant",
    rows: [{ label: "org A purchase order", create: async (tx, w) => ({ id: await orgAPurchaseOrder(tx, w) }), visibleTo: PROCUREMENT_READERS }],
    update: { column: "order_value", value: 1 },
    // A forged PO in org A's books.
    insert: (w) => ({ org_id: w.orgA.id, po_number: `FORGED-${randomUUID().slice(0, 8)}`, supplier: "Forged", order_value: 1, currency: "NZD" }),
  },

  quantity_surveys: {
    kind: "tenant",
    rows: [
      {
        label: "org A quantity survey",
        create: async (tx, w) => {
          const poId = await orgAPurchaseOrder(tx, w);
          return tx.one<RowKey>(sql`
            insert into public.quantity_surveys (org_id, qs_number, po_id, valuation_date, amount)
            values (${w.orgA.id}, ${`QS-${randomUUID().slice(0, 8)}`}, ${poId}, '2026-01-15', 250) returning id`);
        },
        visibleTo: PROCUREMENT_READERS,
      },
    ],
    update: { column: "amount", value: 1_000_000 },
    // Spend booked against org A's budget by somebody else.
    insert: (w) => ({ org_id: w.orgA.id, qs_number: `FORGED-${randomUUID().slice(0, 8)}`, po_id: randomUUID(), valuation_date: "2026-01-15", amount: 1 }),
  },

  // Import history: importers and procurement readers; state changes only through guarded functions.
  imports: {
    kind: "tenant",
    rows: [{ label: "org A import", create: async (tx, w) => ({ id: await orgAImport(tx, w) }), visibleTo: PROCUREMENT_READERS }],
    update: { column: "status", value: "ready" },
    // An upload in org A's name (it would be processed into org A's POs).
    insert: (w, actor) => ({
      org_id: w.orgA.id, type: "purchase_orders", file_name: "x.xlsx", file_size: 1, file_sha256: "b".repeat(64),
      storage_path: `${w.orgA.id}/${randomUUID()}.xlsx`, created_by: claimant(actor),
    }),
  },

  import_rows: {
    kind: "tenant",
    rows: [
      {
        label: "org A staged row",
        create: async (tx, w) => {
          const importId = await orgAImport(tx, w, "ready");
          return tx.one<RowKey>(sql`
            insert into public.import_rows (import_id, row_number, org_id, action, key, "values")
            values (${importId}, 2, ${w.orgA.id}, 'create', 'PO-1', '{"poNumber": "PO-1"}') returning import_id, row_number`);
        },
        visibleTo: IMPORTERS,
      },
    ],
    update: { column: "action", value: "invalid" },
    insert: (w) => ({ import_id: randomUUID(), row_number: 2, org_id: w.orgA.id, action: "create", values: {} }),
  },

  import_changes: {
    kind: "tenant",
    rows: [
      {
        label: "org A import change",
        create: async (tx, w) => {
          const importId = await orgAImport(tx, w);
          const poId = await orgAPurchaseOrder(tx, w);
          return tx.one<RowKey>(sql`
            insert into public.import_changes (import_id, org_id, table_name, row_id, row_key, previous, version_after)
            values (${importId}, ${w.orgA.id}, 'purchase_orders', ${poId}, 'PO-1', '{"supplier": "Old"}', 2) returning id`);
        },
        visibleTo: IMPORTERS,
      },
    ],
    // Rewriting what Undo would restore.
    update: { column: "previous", value: { supplier: "Forged" } },
    insert: (w) => ({ import_id: randomUUID(), org_id: w.orgA.id, table_name: "purchase_orders", row_id: randomUUID(), row_key: "PO-1", previous: {}, version_after: 1 }),
  },

  import_mappings: {
    kind: "tenant",
    rows: [
      {
        label: "org A remembered PO mapping",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`
            insert into public.import_mappings (org_id, type, mapping) values (${w.orgA.id}, 'purchase_orders', '{"poNumber": "po #"}')
            returning org_id, type`),
        visibleTo: IMPORTERS,
      },
    ],
    update: { column: "mapping", value: { poNumber: "supplier" } },
    insert: (w) => ({ org_id: w.orgA.id, type: "quantity_surveys", mapping: {} }),
  },

  // Alerts: the evaluation job (service role) writes; acknowledging goes through app_private.acknowledge_alerts.
  alerts: {
    kind: "tenant",
    rows: [{ label: "org A alert", create: async (tx, w) => ({ id: await orgAAlert(tx, w) }), visibleTo: ALERT_READERS }],
    // Acknowledging (or silencing) it without the guarded function.
    update: { column: "status", value: "acknowledged" },
    insert: (w) => ({ org_id: w.orgA.id, po_id: randomUUID(), level: "warning", peak_level: "warning", opened_level: "warning" }),
  },

  alert_events: {
    kind: "tenant",
    rows: [
      {
        label: "org A alert event",
        create: async (tx, w) => {
          const alertId = await orgAAlert(tx, w);
          return tx.one<RowKey>(sql`
            insert into public.alert_events (org_id, alert_id, kind, to_level, utilization_percent)
            values (${w.orgA.id}, ${alertId}, 'opened', 'critical', 92.5) returning id`);
        },
        visibleTo: ALERT_READERS,
      },
    ],
    // Rewriting the timeline.
    update: { column: "kind", value: "resolved" },
    insert: (w, actor) => ({ org_id: w.orgA.id, alert_id: randomUUID(), kind: "acknowledged", actor_user_id: claimant(actor) }),
  },

  alert_notifications: {
    kind: "tenant",
    rows: [
      {
        label: "org A alert email to its finance member",
        create: async (tx, w) => {
          const alertId = await orgAAlert(tx, w);
          return tx.one<RowKey>(sql`
            insert into public.alert_notifications (org_id, alert_id, po_id, level, from_level, user_id, order_value, spent, evaluation_id)
            select ${w.orgA.id}, a.id, a.po_id, 'critical', 'on_track', ${w.a.finance.id}, 1000, 925, gen_random_uuid()
              from public.alerts a where a.id = ${alertId}
            returning id`);
        },
        visibleTo: ALERT_READERS,
      },
    ],
    // Marking an email as sent so it never goes out.
    update: { column: "status", value: "sent" },
    insert: (w, actor) => ({
      org_id: w.orgA.id, alert_id: randomUUID(), po_id: randomUUID(), level: "warning", from_level: "on_track",
      user_id: claimant(actor), order_value: 1, spent: 1, evaluation_id: randomUUID(),
    }),
  },

  notification_preferences: {
    kind: "tenant",
    rows: [
      {
        // Each member's own: nobody else sees or changes it.
        label: "org A finance member's alert-email opt-out",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`
            insert into public.notification_preferences (org_id, user_id, alert_emails)
            values (${w.orgA.id}, ${w.a.finance.id}, false) returning org_id, user_id`),
        visibleTo: ["finance"],
        updatableBy: ["finance"],
      },
    ],
    update: { column: "alert_emails", value: true },
    // An outsider's preference row in org A (a way in to org A's alert emails).
    insert: (w, actor) => ({ org_id: w.orgA.id, user_id: claimant(actor), alert_emails: true }),
  },

  // Ask XeroPulse: a conversation is its asker's alone, not even an admin of the organization reads it.
  assistant_conversations: {
    kind: "tenant",
    rows: [{ label: "org A finance member's conversation", create: async (tx, w) => ({ id: await orgAConversation(tx, w) }), visibleTo: ["finance"], updatableBy: ["finance"] }],
    update: { column: "title", value: "Renamed" },
    // A conversation planted in org A for its finance member.
    insert: (w) => ({ org_id: w.orgA.id, user_id: w.a.finance.id, title: "Planted" }),
  },

  assistant_messages: {
    kind: "tenant",
    rows: [
      {
        label: "org A finance member's answer",
        create: async (tx, w) => {
          const conversationId = await orgAConversation(tx, w);
          return tx.one<RowKey>(sql`
            insert into public.assistant_messages (conversation_id, org_id, user_id, role, content, answer)
            values (${conversationId}, ${w.orgA.id}, ${w.a.finance.id}, 'assistant', 'Harbour Builders owes the most.', '{}') returning id`);
        },
        visibleTo: ["finance"],
      },
    ],
    update: { column: "content", value: "Forged answer" },
    // A forged answer slipped into somebody's conversation.
    insert: (w) => ({ conversation_id: randomUUID(), org_id: w.orgA.id, user_id: w.a.finance.id, role: "assistant", content: "Forged", answer: {} }),
  },

  assistant_usage: {
    kind: "tenant",
    rows: [
      {
        label: "org A finance member's question count",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`insert into public.assistant_usage (org_id, user_id) values (${w.orgA.id}, ${w.a.finance.id}) returning id`),
        visibleTo: ["finance"],
      },
    ],
    // Moving a question out of the hourly window.
    update: { column: "asked_at", value: "2000-01-01T00:00:00Z" },
    // Spending somebody else's quota.
    insert: (w) => ({ org_id: w.orgA.id, user_id: w.a.finance.id }),
  },
};
