/**
 * A bulk load (rollup triggers off, then one rebuild: bulkInsertFinanceData) leaves exactly the
 * database a load with the triggers on leaves (insertFinanceData): the same dataset written both
 * ways into two organizations gives the same rows, organization by organization, in every table
 * either load wrote to (the ten synced tables and every rollup, whichever rollups exist). The
 * triggers are on after it, a failed load changes nothing, and a transaction that begins a bulk
 * load without ending it cannot commit.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { sql, type Tx } from "@/server/db";
import { isoDateIn } from "@/server/dashboards/date-range";
import { generateFinanceData, type FinanceDataset } from "@/server/demo/generate-finance-data";
import { bulkInsertFinanceData, insertFinanceData } from "@/server/demo/insert-finance-data";
import { createOrg } from "../helpers/fixtures";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();

/** Columns that differ between two identical loads: generated keys, the organization, load times. */
const VOLATILE = ["id", "org_id", "synced_at", "refreshed_at", "updated_date_utc", "created_at", "updated_at"];

const SYNCED = ["xero_accounts", "xero_contacts", "xero_invoices", "xero_payments", "xpm_clients", "xpm_staff", "xpm_jobs", "xpm_time_entries", "xpm_costs", "xpm_invoices"];
const ROLLUPS = ["receivables_by_contact_due", "receivables_by_contact", "receivables_by_due", "finance_daily_totals", "finance_daily_by_contact", "finance_monthly_by_contact", "practice_daily", "practice_staff_hours", "practice_job_totals"];

/** Every public table with an org_id, and how many rows each organization has in it. */
async function rowCounts(orgIds: string[]): Promise<Map<string, number[]>> {
  const tables = await db.query<{ table_name: string }>(sql`
    select c.table_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
    where c.table_schema = 'public' and c.column_name = 'org_id' and t.table_type = 'BASE TABLE' order by 1`);
  const out = new Map<string, number[]>();
  for (const { table_name } of tables) {
    const counts: number[] = [];
    for (const orgId of orgIds) {
      // Table names come from the catalog above, never from input.
      const [row] = await db.query<{ n: number }>(sql([`select count(*)::int as n from public.${table_name} where org_id = `, ""], orgId));
      counts.push(row!.n);
    }
    out.set(table_name, counts);
  }
  return out;
}

/** An organization's rows of a table, without the volatile columns, in a canonical order. */
async function rowsOf(table: string, orgId: string): Promise<string[]> {
  const rows = await db.query<{ r: string }>(sql([`select (to_jsonb(t) - `, `::text[])::text as r from public.${table} t where org_id = `, ` order by 1`], VOLATILE, orgId));
  return rows.map((row) => row.r);
}

const triggersOn = () =>
  db.query<{ tgname: string; tgenabled: string }>(sql`
    select tgname, tgenabled from pg_trigger where not tgisinternal and tgname like '%\_rollups\_%' order by 1`);

describe("bulk loading an organization's synced data", () => {
  let today: string;
  let data: FinanceDataset;
  const orgs = { triggers: "", bulk: "", bystander: "" };

  beforeAll(async () => {
    today = isoDateIn("UTC");
    data = generateFinanceData({ seed: 7, invoices: 600, asOf: today, currency: "USD" });
    orgs.triggers = (await createOrg(db.engine(), "load-triggers")).id;
    orgs.bulk = (await createOrg(db.engine(), "load-bulk")).id;
    orgs.bystander = (await createOrg(db.engine(), "load-bystander")).id;
    // The bulk organization already holds other data (a load replaces it); a third organization's
    // data must come through the other's load untouched.
    await db.asService((tx) => insertFinanceData(tx, orgs.bulk, generateFinanceData({ seed: 8, invoices: 300, asOf: today, currency: "USD" })));
    await db.asService((tx) => insertFinanceData(tx, orgs.bystander, generateFinanceData({ seed: 9, invoices: 200, asOf: today, currency: "USD" })));
  }, 120_000);

  it("gives the same rows in every synced table and every rollup as a load with the triggers on", async () => {
    const bystanderBefore = new Map<string, string[]>();
    for (const table of [...SYNCED, ...ROLLUPS]) bystanderBefore.set(table, await rowsOf(table, orgs.bystander));
    const before = await rowCounts([orgs.triggers]);

    await db.asService((tx) => insertFinanceData(tx, orgs.triggers, data));
    await db.asService((tx) => bulkInsertFinanceData(tx, orgs.bulk, data));

    const after = await rowCounts([orgs.triggers, orgs.bulk]);
    const written = [...after].filter(([table, [n]]) => n !== before.get(table)![0]).map(([table]) => table);
    // Not vacuous: every synced table and every known rollup was written, plus whatever rollups exist since.
    expect(written).toEqual(expect.arrayContaining([...SYNCED, ...ROLLUPS]));
    for (const table of written) {
      const [viaTriggers, viaBulk] = after.get(table)!;
      expect(viaBulk, `${table}: rows`).toBe(viaTriggers);
      expect(await rowsOf(table, orgs.bulk), table).toEqual(await rowsOf(table, orgs.triggers));
    }
    expect(after.get("xero_invoices")).toEqual([600, 600]);
    for (const table of [...SYNCED, ...ROLLUPS]) expect(await rowsOf(table, orgs.bystander), `bystander ${table}`).toEqual(bystanderBefore.get(table));
  }, 120_000);

  it("leaves the rollup triggers on: a later write moves the rollups as before", async () => {
    const triggers = await triggersOn();
    expect(triggers.length).toBeGreaterThanOrEqual(12);
    expect(triggers.filter((t) => t.tgenabled !== "O")).toEqual([]);
    const revenue = async (orgId: string) =>
      (await db.query<{ r: string | null }>(sql`select sum(revenue)::text as r from public.finance_daily_totals where org_id = ${orgId}`))[0]!.r;
    const was = await revenue(orgs.bulk);
    await db.serviceQuery(sql`insert into public.xero_invoices (org_id, external_id, type, status, contact_external_id, date, sub_total, total, currency_code)
      values (${orgs.bulk}, 'after-bulk-1', 'ACCREC', 'AUTHORISED', ${data.contacts.externalId[0]!}, ${today}, 123.45, 123.45, 'USD')`);
    expect(Number(await revenue(orgs.bulk)) - Number(was)).toBeCloseTo(123.45, 2);
  });

  it("changes nothing when the load fails part way, and the triggers stay on", async () => {
    const before = new Map<string, string[]>();
    for (const table of [...SYNCED, ...ROLLUPS]) before.set(table, await rowsOf(table, orgs.bulk));
    const broken = generateFinanceData({ seed: 10, invoices: 300, asOf: today, currency: "USD" });
    // Not an integer: the time entries' insert fails, after the deletes and the Xero inserts ran with the triggers off.
    broken.timeEntries.minutes[0] = Number.NaN;
    await expect(db.asService((tx) => bulkInsertFinanceData(tx, orgs.bulk, broken))).rejects.toThrow();
    for (const table of [...SYNCED, ...ROLLUPS]) expect(await rowsOf(table, orgs.bulk), table).toEqual(before.get(table));
    expect((await triggersOn()).filter((t) => t.tgenabled !== "O")).toEqual([]);
  });

  it("refuses to commit a bulk load that was begun and not ended", async () => {
    const begunOnly = (tx: Tx) => tx.query(sql`select app_private.begin_rollup_bulk_load(${orgs.bulk}::uuid)`);
    await expect(db.asService(begunOnly)).rejects.toMatchObject({ code: "55000" });
    expect((await triggersOn()).filter((t) => t.tgenabled !== "O")).toEqual([]);
    expect(await db.query(sql`select * from app_private.rollup_bulk_loads`)).toEqual([]);
  });

  it("is the service role's and the owner's only", async () => {
    const asMember = db.engine().transaction(async (tx) => {
      await tx.query(sql`select set_config('role', 'authenticated', true)`);
      await tx.query(sql`select app_private.begin_rollup_bulk_load(${orgs.bulk}::uuid)`);
    });
    // 42501: permission denied (the schema or the function).
    await expect(asMember).rejects.toMatchObject({ code: "42501" });
    expect((await triggersOn()).filter((t) => t.tgenabled !== "O")).toEqual([]);
  });
});
