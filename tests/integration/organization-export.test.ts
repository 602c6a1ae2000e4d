/**
 * GET /api/organization/export: a zip streamed from the database, whose files equal the database:
 * for every table of EXPORT_TABLES, <table>.json holds exactly the organization's rows (Postgres's
 * own JSON of each) and <table>.csv the same rows as each column's text, more rows than one page
 * included; nothing of another organization, no column the API role cannot read, no OAuth tokens.
 * The list covers every table with an org_id. The export is audited.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as exportRoute } from "@/app/api/organization/export/route";
import { sql } from "@/server/db/sql";
import { EXPORT_TABLES, NOT_EXPORTED, type ExportTable } from "@/server/orgs/export-tables";
import type { ExportManifest } from "@/lib/organization-views";
import { createOrgWithMembers, TEST_PASSWORD } from "../helpers/fixtures";
import { ORIGIN, TestClient } from "../helpers/http-client";
import { parseCsv } from "../helpers/parse-csv";
import { readZip } from "../helpers/read-zip";
import { setupTestDatabase } from "../helpers/test-db";
import { NextRequest } from "next/server";

const db = setupTestDatabase();
const { query } = db;

/** Rows of one organization in the tables a sync, an invitation, a job and a dashboard view leave. */
async function fill(orgId: string, adminId: string, contacts: number) {
  await db.engine().transaction(async (tx) => {
    await tx.query(sql`
      insert into public.xero_contacts (org_id, external_id, name, email)
      select ${orgId}::uuid, 'c-' || g, case g when 1 then '=HYPERLINK("http://evil")' when 2 then 'Comma, "Quote"' || chr(10) || 'Line' else 'Contact ' || g end,
             'c' || g || '@example.test'
      from generate_series(1, ${contacts}) g`);
    await tx.query(sql`insert into public.xero_accounts (org_id, external_id, name, type, class) values (${orgId}::uuid, 'a-1', 'Sales', 'REVENUE', 'REVENUE')`);
    await tx.query(sql`
      insert into public.xero_invoices (org_id, external_id, invoice_number, type, status, contact_external_id, date, due_date, sub_total, total_tax, total, amount_due, currency_code)
      values (${orgId}::uuid, 'i-1', 'INV-1', 'ACCREC', 'AUTHORISED', 'c-3', '2026-01-15', '2026-02-14', 1000.5, 150.08, 1150.58, 1150.58, 'NZD')`);
    await tx.query(sql`
      insert into public.xero_payments (org_id, external_id, invoice_external_id, payment_type, date, amount, currency_code)
      values (${orgId}::uuid, 'p-1', 'i-1', 'ACCRECPAYMENT', '2026-02-01', 100.25, 'NZD')`);
    await tx.query(sql`insert into public.xpm_clients (org_id, external_id, name) values (${orgId}::uuid, 'xc-1', 'Client')`);
    await tx.query(sql`insert into public.xpm_staff (org_id, external_id, name) values (${orgId}::uuid, 'xs-1', 'Staffer')`);
    await tx.query(sql`insert into public.xpm_jobs (org_id, external_id, job_number, client_external_id, name, state, budget) values (${orgId}::uuid, 'xj-1', 'J1', 'xc-1', 'Job', 'In Progress', 5000)`);
    await tx.query(sql`insert into public.xpm_time_entries (org_id, external_id, job_external_id, staff_external_id, entry_date, minutes, billable) values (${orgId}::uuid, 't-1', 'xj-1', 'xs-1', '2026-01-10', 90, true)`);
    await tx.query(sql`insert into public.xpm_costs (org_id, external_id, job_external_id, cost_date, unit_cost) values (${orgId}::uuid, 'k-1', 'xj-1', '2026-01-11', 12.5)`);
    await tx.query(sql`insert into public.xpm_invoices (org_id, external_id, invoice_number, client_external_id, status, invoice_date, amount) values (${orgId}::uuid, 'xi-1', 'X1', 'xc-1', 'Approved', '2026-01-20', 300)`);
    // finance_daily_totals: the triggers made its two days from the invoice (15 Jan) and the payment (1 Feb).
    await tx.query(sql`
      insert into public.org_invitations (org_id, email, role, token_hash, invited_by, expires_at)
      values (${orgId}::uuid, ${`invitee-${randomUUID().slice(0, 6)}@example.test`}, 'staff', encode(extensions.digest(${randomUUID()}, 'sha256'), 'hex'), ${adminId}, now() + interval '7 days')`);
    await tx.query(sql`insert into public.subscriptions (org_id) values (${orgId}::uuid)`);
    await tx.query(sql`insert into public.jobs (org_id, kind, payload, progress) values (${orgId}::uuid, 'system.noop', '{"a": [1, 2]}', '{"done": 1}')`);
    await tx.query(sql`
      insert into public.dashboard_views (org_id, dashboard_id, user_id)
      select ${orgId}::uuid, id, ${adminId} from public.dashboards where org_id = ${orgId}::uuid and key = 'practice'`);
    await tx.query(sql`insert into public.integration_token_sets (id, org_id, access_token_enc, refresh_token_enc, expires_at) values (${randomUUID()}, ${orgId}::uuid, 'secret-access', 'secret-refresh', now())`);
    const [conn] = await tx.query<{ id: string }>(sql`
      insert into public.integration_connections (org_id, provider, tenant_id, tenant_name, checkpoints) values (${orgId}::uuid, 'xero', ${randomUUID()}, 'Ledger', '{"Invoices": {"since": "2026-01-01"}}') returning id`);
    const [run] = await tx.query<{ id: string }>(sql`
      insert into public.sync_runs (org_id, connection_id, trigger, status, entities) values (${orgId}::uuid, ${conn!.id}, 'manual', 'succeeded', '{Invoices,Contacts}') returning id`);
    await tx.query(sql`
      insert into public.xero_webhook_events (org_id, connection_id, dedupe_key, event_category, event_type, resource_id, event_date_utc, payload, sync_run_id)
      values (${orgId}::uuid, ${conn!.id}, ${randomUUID()}, 'INVOICE', 'UPDATE', 'i-1', now(), '{"x": 1}', ${run!.id})`);
    // Procurement, imports and alerts: one row each (a supplier named like a formula, for the CSV).
    const po = await tx.one<{ id: string }>(sql`
      insert into public.purchase_orders (org_id, po_number, supplier, order_value, currency)
      values (${orgId}::uuid, 'PO-1', '=Supplies', 1000, 'NZD') returning id`);
    await tx.query(sql`insert into public.quantity_surveys (org_id, qs_number, po_id, valuation_date, amount) values (${orgId}::uuid, 'QS-1', ${po.id}, '2026-01-15', 925)`);
    const imp = await tx.one<{ id: string }>(sql`
      insert into public.imports (org_id, type, status, file_name, file_size, file_sha256, storage_path, created_by)
      values (${orgId}::uuid, 'purchase_orders', 'succeeded', 'orders.xlsx', 1024, ${"a".repeat(64)}, ${`${orgId}/${randomUUID()}.xlsx`}, ${adminId})
      returning id`);
    await tx.query(sql`insert into public.import_rows (import_id, row_number, org_id, action, key, "values") values (${imp.id}, 2, ${orgId}::uuid, 'create', 'PO-1', '{"poNumber": "PO-1"}')`);
    await tx.query(sql`
      insert into public.import_changes (import_id, org_id, table_name, row_id, row_key, previous, version_after)
      values (${imp.id}, ${orgId}::uuid, 'purchase_orders', ${po.id}, 'PO-1', '{"supplier": "Old"}', 2)`);
    await tx.query(sql`insert into public.import_mappings (org_id, type, mapping) values (${orgId}::uuid, 'purchase_orders', '{"poNumber": "po #"}')`);
    const alert = await tx.one<{ id: string }>(sql`
      insert into public.alerts (org_id, po_id, level, peak_level, opened_level, opened_utilization, utilization_percent)
      values (${orgId}::uuid, ${po.id}, 'critical', 'critical', 'critical', 92.5, 92.5) returning id`);
    await tx.query(sql`insert into public.alert_events (org_id, alert_id, kind, to_level, utilization_percent) values (${orgId}::uuid, ${alert.id}, 'opened', 'critical', 92.5)`);
    await tx.query(sql`
      insert into public.alert_notifications (org_id, alert_id, po_id, level, from_level, user_id, order_value, spent, evaluation_id)
      values (${orgId}::uuid, ${alert.id}, ${po.id}, 'critical', 'on_track', ${adminId}, 1000, 925, gen_random_uuid())`);
    await tx.query(sql`insert into public.notification_preferences (org_id, user_id, alert_emails) values (${orgId}::uuid, ${adminId}, false)`);
    await tx.query(sql`insert into public.audit_events (org_id, actor_user_id, actor_type, action, metadata, ip, user_agent) values (${orgId}::uuid, ${adminId}, 'user', 'org.updated', '{"changed": {"name": 1}}', '203.0.113.9', '@ua, "quoted"')`);
  });
}

function scope(entry: ExportTable, orgId: string) {
  if (entry.scope === "id") return sql`"id" = ${orgId}::uuid`;
  if (entry.scope === "member") return sql`"user_id" in (select user_id from public.org_members where org_id = ${orgId}::uuid)`;
  return sql`"org_id" = ${orgId}::uuid`;
}

/** The columns the API role may read, in table order (what an export of the table must hold). */
const readable = (table: string) =>
  query<{ column_name: string }>(sql`
    select column_name from information_schema.columns
    where table_schema = 'public' and table_name = ${table}
      and has_column_privilege('authenticated', format('public.%I', table_name), column_name, 'SELECT')
    order by ordinal_position`).then((rows) => rows.map((r) => r.column_name));

const cell = (value: string | null) => (value === null ? "" : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const sortRows = <T,>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

describe("organization export", () => {
  let acme: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let other: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let files: Map<string, Buffer>;
  let manifest: ExportManifest;
  let response: Response;

  beforeAll(async () => {
    acme = await createOrgWithMembers(db.engine(), "acme-export");
    other = await createOrgWithMembers(db.engine(), "other-export");
    await fill(acme.org.id, acme.members.admin.id, 2_345);
    await fill(other.org.id, other.members.admin.id, 3);
    const client = new TestClient();
    expect((await client.call(login, "/api/auth/login", { body: { email: acme.members.admin.email, password: TEST_PASSWORD } })).status).toBe(200);
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const req = new NextRequest(new URL("/api/organization/export", ORIGIN), { headers: { cookie, "x-org-id": acme.org.slug, origin: ORIGIN } });
    response = await exportRoute(req, { params: Promise.resolve({}) });
    files = readZip(Buffer.from(await response.arrayBuffer()));
    manifest = JSON.parse(files.get("manifest.json")!.toString("utf8")) as ExportManifest;
  }, 120_000);

  it("is a zip download named after the organization, with a manifest", () => {
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="xeropulse-acme-export-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(manifest).toMatchObject({
      format: "xeropulse-organization-export",
      version: 1,
      organization: { id: acme.org.id, slug: "acme-export" },
      exportedBy: { id: acme.members.admin.id, email: acme.members.admin.email },
    });
    expect(manifest.tables.map((t) => t.table)).toEqual(EXPORT_TABLES.map((t) => t.table));
    expect([...files.keys()].sort()).toEqual([...EXPORT_TABLES.flatMap((t) => [`${t.table}.csv`, `${t.table}.json`]), "manifest.json"].sort());
    expect(manifest.notExported.map((n) => n.table).sort()).toEqual(Object.keys(NOT_EXPORTED).sort());
  });

  it("holds, for every table, exactly the organization's rows: JSON as Postgres renders them, CSV as each column's text", async () => {
    for (const entry of EXPORT_TABLES) {
      const columns = await readable(entry.table);
      const listed = manifest.tables.find((t) => t.table === entry.table)!;
      expect(listed.columns, entry.table).toEqual(columns);
      const select = sql([columns.map((c) => `"${c}"`).join(", ")]);
      const from = sql([`public."${entry.table}"`]);
      const expectedJson = await query<{ row: string }>(sql`select row_to_json(t)::text as row from (select ${select} from ${from} where ${scope(entry, acme.org.id)}) t`);
      const expectedCells = await query<{ cells: (string | null)[] }>(sql`
        select ${sql([`array[${columns.map((c) => `t."${c}"::text`).join(", ")}]`])} as cells from (select ${select} from ${from} where ${scope(entry, acme.org.id)}) t`);

      const json = JSON.parse(files.get(`${entry.table}.json`)!.toString("utf8")) as unknown[];
      expect(sortRows(json), `${entry.table}.json`).toEqual(sortRows(expectedJson.map((r) => JSON.parse(r.row) as unknown)));
      const [header, ...rows] = parseCsv(files.get(`${entry.table}.csv`)!.toString("utf8"));
      expect(header, `${entry.table}.csv header`).toEqual(columns);
      expect(sortRows(rows), `${entry.table}.csv`).toEqual(sortRows(expectedCells.map((r) => r.cells.map(cell))));
      expect(listed.rows, entry.table).toBe(expectedJson.length);
    }
    const counts = Object.fromEntries(manifest.tables.map((t) => [t.table, t.rows]));
    // More contacts than one page of reading; every table the fixture filled is there.
    expect(counts).toMatchObject({ xero_contacts: 2_345, org_members: 5, user_profiles: 5, organizations: 1, dashboards: 3, finance_daily_totals: 2 });
    expect(Object.entries(counts).filter(([, n]) => n === 0)).toEqual([]);
  });

  it("holds nothing of another organization, no token hash and no OAuth token", () => {
    const all = [...files.entries()].filter(([name]) => name.endsWith(".json") && name !== "manifest.json");
    for (const [name, data] of all) {
      const rows = JSON.parse(data.toString("utf8")) as Record<string, unknown>[];
      for (const row of rows) if ("org_id" in row) expect(row.org_id, name).toBe(acme.org.id);
    }
    const everything = [...files.values()].map((b) => b.toString("utf8")).join("\n");
    expect(everything).not.toContain(other.org.id);
    expect(everything).not.toContain("secret-access");
    expect(everything).not.toContain("token_hash");
    expect(files.has("integration_token_sets.csv")).toBe(false);
    // A formula in a name is defused in the CSV, exact in the JSON.
    expect(files.get("xero_contacts.csv")!.toString("utf8")).toContain(`'=HYPERLINK(""http://evil"")`);
    expect(files.get("xero_contacts.json")!.toString("utf8")).toContain(`"=HYPERLINK(\\"http://evil\\")"`);
  });

  it("is audited before the first byte", async () => {
    const events = await query<{ actor_user_id: string; target_id: string }>(sql`
      select actor_user_id, target_id from public.audit_events where org_id = ${acme.org.id}::uuid and action = 'org.exported'`);
    expect(events).toEqual([{ actor_user_id: acme.members.admin.id, target_id: acme.org.id }]);
    const json = JSON.parse(files.get("audit_events.json")!.toString("utf8")) as { action: string }[];
    expect(json.map((e) => e.action)).toContain("org.exported");
  });

  it("EXPORT_TABLES and NOT_EXPORTED cover every table with an org_id (a new table needs its one line)", async () => {
    const tables = await query<{ name: string }>(sql`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)`);
    const listed = new Set([...EXPORT_TABLES.map((t) => t.table), ...Object.keys(NOT_EXPORTED)]);
    const missing = tables.map((t) => t.name).filter((name) => !listed.has(name)).sort();
    expect(missing, "add these tables to EXPORT_TABLES (src/server/orgs/export-tables.ts) or NOT_EXPORTED with a reason").toEqual([]);
  });
});
