import { randomUUID } from "node:crypto";
import type { Engine } from "@/server/db";
import { sql } from "@/server/db";
import { migrate } from "@/server/db/migrate";
import { asServiceOn } from "@/server/db/transactions";
import { jobDatabase } from "@/server/jobs/job-database";
import { generateFinanceData } from "@/server/demo/generate-finance-data";
import { provisionOrganization } from "@/server/orgs/provision-organization";
import { createSyncRunKind } from "@edge-shared/jobs/kinds/sync-run.ts";
import { createJobRegistry } from "@edge-shared/jobs/create-job-registry.ts";
import { drainJobs } from "@edge-shared/jobs/worker.ts";
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from "@edge-shared/sync/rate-limiter.ts";
import { forgetTokenSources, loadTokenSet, tokenKey } from "@edge-shared/sync/token-store.ts";
import type { SyncSettings } from "@edge-shared/sync/sync-settings.ts";
import { startXeroFake, type XeroFake } from "@/server/demo/xero-fake/xero-fake";
import type { FakeTenant } from "@/server/demo/xero-fake/xero-fake-data";
import { connectFakeTenants } from "@/server/demo/xero-fake/connect-fake-tenants";
import { fakeSyncSettings } from "@/server/demo/xero-fake/fake-sync-settings";
import { recordFigure } from "./record-figure";
import { limitMinimumMs } from "./limit-minimum-ms";
import { percentile, round, writeResult } from "./stats";

/**
 * A full Xero Accounting sync (Accounts, Contacts, Invoices, Payments) of a 50,000-invoice tenant of
 * the fake, through the real path: `app_private.request_sync_run`, the `sync.run` kind run by
 * `drainJobs`, zod-validated pages, upserts with checkpoints, counts and progress per page, the
 * rollups kept by the tables' triggers as each page is stored. Against a floor measured in the same
 * run on the same engine and tables: the same pages fetched with plain fetch + JSON.parse and
 * inserted with one `insert … select from unnest` per page (the same triggers fire), with no
 * validation, no upsert, no checkpoints. Both sides start from the same state (`clearRows`) and must
 * end with the same rows and rollups (`storedState`, compared every round: the run fails otherwise).
 * Then with Xero's limits on (60 calls a "minute" and 5 at once, the minute scaled down to
 * `minuteMs`) on the fake and the limiter alike: wall time against the least the limit allows
 * (`limitMinimumMs`), with 429s from the fake counted as calls over the limit.
 *
 * Why a 20-second "minute" measures the limit and not the database. Under Xero's real minute a sync
 * may make 60 calls of 100 items, 6,000 rows, and has 60 s to fetch and store them: far more than
 * writing takes, so the limit sets the pace and the sync spends most of each minute waiting. A scaled
 * run keeps that only while a minute's 60 pages take well under `minuteMs` to fetch and store; the
 * result records it: `firstMinuteUsedMs` (when the 60th call went out, i.e. 56 pages fetched and
 * stored with 4 read ahead) and `afterLastCallMs` (storing the pages still in hand at the end). On
 * the shared 2-core machine (load 4–10) the full runs used up their first minute's calls in 1.2 s
 * (PGlite) and 2.0 s (PostgreSQL) of the 20 s and ended 0.1 s after their last call, so the database
 * was busy a tenth of each minute at most. A 1-second minute over the 50,000-invoice tenant (the
 * earlier setting) asked for 104,000 rows in 18 s, which no engine here writes: it measured the
 * writes (ratio 5.5–5.7), not the limiter. The rest of the gap over the minimum is the limiter's own
 * caution: it counts each call's minute from when the answer arrived, since it cannot know when Xero
 * counted it.
 *
 * Length: the limited tenant has 10,000 invoices (210 calls, so 3 "minutes": 60 s at least); with 5
 * unlimited rounds a full run took 5 minutes on PGlite and 3.5 on PostgreSQL on that machine.
 */
const INVOICES = Number(process.env.BENCH_SYNC_INVOICES ?? 50_000);
const ROUNDS = Number(process.env.BENCH_SYNC_ROUNDS ?? 5);
const PAGE_SIZE = 1000;
const LIMITED = {
  perMinute: 60,
  minuteMs: Number(process.env.BENCH_SYNC_MINUTE_MS ?? 20_000),
  pageSize: Number(process.env.BENCH_SYNC_LIMITED_PAGE_SIZE ?? 100),
  invoices: Number(process.env.BENCH_SYNC_LIMITED_INVOICES ?? 10_000),
};
const UNLIMITED: Partial<RateLimits> = { perMinute: 1e9, perDay: 1e9, concurrent: 16, appPerMinute: 1e9 };
const TABLES = ["xero_payments", "xero_invoices", "xero_contacts", "xero_accounts"] as const;

interface World {
  engine: Engine;
  fake: XeroFake;
  tenant: FakeTenant;
  orgId: string;
  connectionId: string;
  /** The limited run's tenant, connected to an organization of its own. */
  limited: { tenant: FakeTenant; orgId: string; connectionId: string };
}

/** The rollups the synced tables' triggers keep (20261130020100_rollups.sql and after). */
const ROLLUPS = [
  "receivables_by_contact_due", "receivables_by_contact", "receivables_by_due",
  "finance_daily_totals", "finance_daily_by_contact", "finance_monthly_by_contact",
] as const;

/**
 * Puts the organization back where a first sync finds it, so that every side of every round starts
 * from the same state: no synced rows, no rollup rows (the delete triggers leave zero rows behind in
 * the daily ones, which the next side would update instead of insert), no checkpoints, and tables
 * vacuumed, with fresh statistics.
 *
 * The vacuum is the point. This used to `analyze` straight after the deletes: the tables then still
 * had their pages, full of dead rows, and ANALYZE recorded them as empty (reltuples 0 over N pages).
 * From that density the planner takes a table for empty however many rows go in next (PGlite has no
 * autovacuum to correct it), so the payments' rollup statement joined each page's payments to
 * xero_invoices by a nested loop reading the organization's invoices for each payment: 3 s a page
 * at 10,000 invoices instead of 0.1 s, growing with the table. Round 1's sync met tables never
 * analyzed (estimated from their size) and took 10.5 s; the floor, cleared after it, took 363 s; a
 * later round's sync would have met the same. VACUUM gives the pages back (relpages 0), so estimates
 * follow the rows again.
 */
async function clearRows(engine: Engine, orgId: string) {
  await engine.transaction(async (tx) => {
    // Without the rollup triggers (the rebuild below resets the rollups): the payments' delete
    // trigger looks up each payment's invoice, which without statistics the planner does by scanning
    // the organization's invoices for each one (23 s for 10,000 payments; quadratic). Not timed, but
    // it made a full run last far longer than what it measures.
    await tx.query(sql`set local session_replication_role = replica`);
    // Names from the fixed lists above.
    for (const table of TABLES) await tx.query(sql([`delete from public.${table} where org_id = `, ""], orgId));
    await tx.query(sql`set local session_replication_role = origin`);
    // With no rows left, the rebuild deletes the organization's finance rollups and adds none.
    await tx.query(sql`select app_private.rebuild_rollups(${orgId}, 'finance')`);
    await tx.query(sql`update public.integration_connections set checkpoints = '{}'::jsonb, last_success_at = null where org_id = ${orgId}`);
  });
  // Not in a transaction (VACUUM refuses one).
  await engine.statement(sql([`vacuum analyze ${[...TABLES, ...ROLLUPS].map((t) => `public.${t}`).join(", ")}`]));
}

/**
 * What one side stored, counted after it: rows per synced table and a few sums, and each rollup's
 * rows and sums. The sync and the floor must leave the same (else they did not do the same work).
 */
async function storedState(engine: Engine, orgId: string): Promise<Record<string, string>> {
  return engine.transaction((tx) =>
    tx.one<Record<string, string>>(sql`
      select
        (select count(*)::text from public.xero_accounts where org_id = ${orgId}) as accounts,
        (select count(*)::text from public.xero_contacts where org_id = ${orgId}) as contacts,
        (select count(*) || ' rows, total ' || coalesce(sum(total), 0) || ', due ' || coalesce(sum(amount_due), 0)
           from public.xero_invoices where org_id = ${orgId}) as invoices,
        (select count(*) || ' rows, amount ' || coalesce(sum(amount), 0) from public.xero_payments where org_id = ${orgId}) as payments,
        (select count(*) || ' rows, ' || coalesce(sum(amount_due), 0) || ' due, ' || coalesce(sum(invoices), 0) || ' invoices'
           from public.receivables_by_contact_due where org_id = ${orgId}) as receivables_by_contact_due,
        (select count(*) || ' rows, ' || coalesce(sum(amount_due), 0) || ' due, ' || coalesce(sum(invoices), 0) || ' invoices'
           from public.receivables_by_contact where org_id = ${orgId}) as receivables_by_contact,
        (select count(*) || ' rows, ' || coalesce(sum(amount_due), 0) || ' due, ' || coalesce(sum(invoices), 0) || ' invoices'
           from public.receivables_by_due where org_id = ${orgId}) as receivables_by_due,
        (select count(*) || ' rows, ' || coalesce(sum(revenue), 0) || '/' || coalesce(sum(expenses), 0) || '/' || coalesce(sum(invoices_issued), 0)
           || '/' || coalesce(sum(cash_received), 0) || '/' || coalesce(sum(cash_paid), 0)
           from public.finance_daily_totals where org_id = ${orgId}) as finance_daily_totals,
        (select count(*) || ' rows, ' || coalesce(sum(revenue), 0) || '/' || coalesce(sum(expenses), 0) || '/' || coalesce(sum(invoices_issued), 0)
           || '/' || coalesce(sum(cash_received), 0) || '/' || coalesce(sum(cash_paid), 0)
           from public.finance_daily_by_contact where org_id = ${orgId}) as finance_daily_by_contact,
        (select count(*) || ' rows, ' || coalesce(sum(revenue), 0) || '/' || coalesce(sum(expenses), 0) || '/' || coalesce(sum(invoices_issued), 0)
           || '/' || coalesce(sum(cash_received), 0) || '/' || coalesce(sum(cash_paid), 0)
           from public.finance_monthly_by_contact where org_id = ${orgId}) as finance_monthly_by_contact`),
  );
}

/** Rows in the four synced tables, from a `storedState`. */
const storedRows = (state: Record<string, string>) =>
  ["accounts", "contacts", "invoices", "payments"].reduce((n, key) => n + Number.parseInt(state[key]!, 10), 0);

/** One full sync through the job kind; wall time, rows stored and the API calls it made. */
async function syncOnce(world: World, settings: SyncSettings, limiter: RateLimiter, target: Pick<World, "tenant" | "orgId" | "connectionId"> = world) {
  await clearRows(world.engine, target.orgId);
  world.fake.resetCalls();
  forgetTokenSources();
  const registry = createJobRegistry([createSyncRunKind({ settings, limiter })]);
  const startedAt = Date.now();
  const started = performance.now();
  const [run] = await asServiceOn(world.engine, (tx) =>
    tx.query<{ run_id: string }>(sql`select run_id from app_private.request_sync_run(${target.connectionId}, 'manual', null, true)`),
  );
  const outcome = await drainJobs({
    db: jobDatabase(world.engine), registry, kinds: registry.kindsFor("all"), workerId: "bench-sync", leaseSeconds: 120, deadline: Date.now() + 30 * 60_000,
  });
  const ms = performance.now() - started;
  if (outcome.succeeded !== 1) throw new Error(`sync did not succeed: ${JSON.stringify(outcome)}`);
  const result = await world.engine.transaction((tx) =>
    tx.one<{ status: string; counts: Record<string, { fetched: number; upserted: number }>; pages: number }>(
      sql`select status, counts, pages from public.sync_runs where id = ${run!.run_id}`,
    ),
  );
  if (result.status !== "succeeded") throw new Error(`sync run ended ${result.status}`);
  const upserted = Object.values(result.counts).reduce((n, c) => n + c.upserted, 0);
  const stored = await storedState(world.engine, target.orgId);
  const rows = storedRows(stored);
  // From a cleared organization every row is new: what the run says it wrote is what is there.
  if (upserted !== rows) throw new Error(`the sync reports ${upserted} rows written, ${rows} are stored`);
  // When each API call reached the fake, from the start (the fake's clock is Date.now).
  const callsAtMs = world.fake.apiCalls(target.tenant.tenantId).map((c) => c.at - startedAt).sort((a, b) => a - b);
  return { ms, rows, stored, pages: result.pages, calls: callsAtMs.length, callsAtMs, overLimit: world.fake.overLimitCount() };
}

const dateOf = (v: unknown): string | null => {
  const m = typeof v === "string" ? /\/Date\((-?\d+)/.exec(v) : null;
  return m ? new Date(Number(m[1])).toISOString() : null;
};
const dayOf = (v: unknown) => dateOf(v)?.slice(0, 10) ?? null;
type Json = Record<string, unknown>;

/** The floor: plain fetch + JSON.parse of the same pages, one bare `insert … unnest` per page. */
async function floorOnce(world: World, settings: SyncSettings, accessToken: string) {
  await clearRows(world.engine, world.orgId);
  const { engine, orgId } = world;
  const started = performance.now();
  // Time spent fetching and parsing (the fake serving the pages): the same for the sync and the floor.
  let fetchMs = 0;
  const get = async (path: string) => {
    const t = performance.now();
    const request = () =>
      fetch(`${settings.accountingUrl}/${path}`, {
        headers: { authorization: `Bearer ${accessToken}`, "xero-tenant-id": world.tenant.tenantId, accept: "application/json" },
      });
    // One retry of a reset connection (a kept-alive socket the fake closed as it was reused, seen
    // under load), as the sync's own client retries network errors.
    const res = await request().catch(request);
    if (!res.ok) throw new Error(`floor fetch ${path}: ${res.status}`);
    const body = JSON.parse(await res.text()) as Json;
    fetchMs += performance.now() - t;
    return body;
  };
  const col = (items: Json[], f: (i: Json) => unknown) => items.map(f);
  const accounts = (await get("Accounts")).Accounts as Json[];
  await engine.transaction((tx) =>
    tx.query(sql`
      insert into public.xero_accounts (org_id, external_id, code, name, type, class, status, updated_date_utc)
      select ${orgId}::uuid, * from unnest(${col(accounts, (a) => a.AccountID)}::text[], ${col(accounts, (a) => a.Code ?? null)}::text[],
        ${col(accounts, (a) => a.Name)}::text[], ${col(accounts, (a) => a.Type)}::text[], ${col(accounts, (a) => a.Class ?? null)}::text[],
        ${col(accounts, (a) => a.Status)}::text[], ${col(accounts, (a) => dateOf(a.UpdatedDateUTC))}::timestamptz[])`),
  );
  for (const entity of ["Contacts", "Invoices", "Payments"] as const) {
    for (let page = 1; ; page++) {
      const query = `page=${page}&pageSize=${PAGE_SIZE}&order=${encodeURIComponent("UpdatedDateUTC ASC")}${entity === "Contacts" ? "&includeArchived=true" : ""}`;
      const items = (await get(`${entity}?${query}`))[entity] as Json[];
      if (items.length > 0) {
        await engine.transaction((tx) => {
          if (entity === "Contacts") {
            return tx.query(sql`
              insert into public.xero_contacts (org_id, external_id, name, email, is_customer, is_supplier, contact_status, updated_date_utc)
              select ${orgId}::uuid, * from unnest(${col(items, (c) => c.ContactID)}::text[], ${col(items, (c) => c.Name)}::text[],
                ${col(items, (c) => c.EmailAddress ?? null)}::text[], ${col(items, (c) => c.IsCustomer)}::boolean[],
                ${col(items, (c) => c.IsSupplier)}::boolean[], ${col(items, (c) => c.ContactStatus)}::text[],
                ${col(items, (c) => dateOf(c.UpdatedDateUTC))}::timestamptz[])`);
          }
          if (entity === "Invoices") {
            return tx.query(sql`
              insert into public.xero_invoices (org_id, external_id, invoice_number, type, status, contact_external_id, date, due_date,
                sub_total, total_tax, total, amount_due, amount_paid, amount_credited, currency_code, fully_paid_on_date, updated_date_utc)
              select ${orgId}::uuid, * from unnest(${col(items, (i) => i.InvoiceID)}::text[], ${col(items, (i) => i.InvoiceNumber)}::text[],
                ${col(items, (i) => i.Type)}::text[], ${col(items, (i) => i.Status)}::text[], ${col(items, (i) => (i.Contact as Json).ContactID)}::text[],
                ${col(items, (i) => dayOf(i.Date))}::date[], ${col(items, (i) => dayOf(i.DueDate))}::date[], ${col(items, (i) => i.SubTotal)}::numeric[],
                ${col(items, (i) => i.TotalTax)}::numeric[], ${col(items, (i) => i.Total)}::numeric[], ${col(items, (i) => i.AmountDue)}::numeric[],
                ${col(items, (i) => i.AmountPaid)}::numeric[], ${col(items, (i) => i.AmountCredited)}::numeric[], ${col(items, (i) => i.CurrencyCode)}::text[],
                ${col(items, (i) => dayOf(i.FullyPaidOnDate))}::date[], ${col(items, (i) => dateOf(i.UpdatedDateUTC))}::timestamptz[])`);
          }
          return tx.query(sql`
            insert into public.xero_payments (org_id, external_id, invoice_external_id, account_external_id, payment_type, status, date, amount,
              currency_code, updated_date_utc)
            select ${orgId}::uuid, * from unnest(${col(items, (p) => p.PaymentID)}::text[], ${col(items, (p) => (p.Invoice as Json).InvoiceID)}::text[],
              ${col(items, (p) => (p.Account as Json).AccountID)}::text[], ${col(items, (p) => p.PaymentType)}::text[], ${col(items, (p) => p.Status)}::text[],
              ${col(items, (p) => dayOf(p.Date))}::date[], ${col(items, (p) => p.Amount)}::numeric[],
              ${col(items, (p) => (p.Invoice as Json).CurrencyCode ?? null)}::text[], ${col(items, (p) => dateOf(p.UpdatedDateUTC))}::timestamptz[])`);
        });
      }
      if (items.length < PAGE_SIZE) break;
    }
  }
  const ms = performance.now() - started;
  const stored = await storedState(engine, orgId);
  return { ms, rows: storedRows(stored), stored, fetchMs };
}

async function setUp(engine: Engine): Promise<World> {
  await migrate(engine, { localBootstrap: true });
  const orgId = await engine.transaction((tx) =>
    provisionOrganization(tx, { slug: `bench-sync-${randomUUID().slice(0, 8)}`, name: "Bench sync", timezone: "Pacific/Auckland", currency: "NZD" }),
  );
  const fake = await startXeroFake({ limits: UNLIMITED, accessTokenTtlSeconds: 7200 });
  // 50,000 invoices and 5,000 contacts (4,800 customers + the generator's 200 suppliers).
  const dataset = generateFinanceData({ seed: 42, invoices: INVOICES, asOf: "2026-10-31", currency: "NZD", customers: 4_800 });
  const tenant = fake.addTenant("ORGANISATION", "Bench", { invoices: INVOICES }, { dataset });
  const settings = fakeSyncSettings(fake, { pageSize: PAGE_SIZE, limits: { ...DEFAULT_RATE_LIMITS, ...UNLIMITED } });
  const ids = await connectFakeTenants(engine, orgId, fake, settings, [tenant.tenantId]);
  const limitedOrgId = await engine.transaction((tx) =>
    provisionOrganization(tx, { slug: `bench-sync-limited-${randomUUID().slice(0, 8)}`, name: "Bench sync (limited)", timezone: "Pacific/Auckland", currency: "NZD" }),
  );
  const limitedData = generateFinanceData({ seed: 43, invoices: LIMITED.invoices, asOf: "2026-10-31", currency: "NZD", customers: Math.round(LIMITED.invoices / 10) });
  const limitedTenant = fake.addTenant("ORGANISATION", "Bench limited", { invoices: LIMITED.invoices }, { dataset: limitedData });
  const limitedIds = await connectFakeTenants(engine, limitedOrgId, fake, settings, [limitedTenant.tenantId]);
  return {
    engine, fake, tenant, orgId, connectionId: ids[tenant.tenantId]!,
    limited: { tenant: limitedTenant, orgId: limitedOrgId, connectionId: limitedIds[limitedTenant.tenantId]! },
  };
}

export async function benchSync(engine: Engine, label: string): Promise<void> {
  const world = await setUp(engine);
  try {
    const { tenant, fake } = world;
    const size = {
      accounts: tenant.accounting.Accounts.size, contacts: tenant.accounting.Contacts.size,
      invoices: tenant.accounting.Invoices.size, payments: tenant.accounting.Payments.size,
    };
    // Limits off: the limiter and the fake both out of the way.
    const unlimited = fakeSyncSettings(fake, { pageSize: PAGE_SIZE, limits: { ...DEFAULT_RATE_LIMITS, ...UNLIMITED } });
    const unlimitedLimiter = new RateLimiter(unlimited.limits);
    const tokenSetId = await engine.transaction((tx) =>
      tx.one<{ token_set_id: string }>(sql`select token_set_id from public.integration_connections where id = ${world.connectionId}`),
    );
    const accessToken = async () =>
      (await asServiceOn(engine, async (tx) => loadTokenSet(tx, await tokenKey(unlimited), tokenSetId.token_set_id))).accessToken;
    const sync: number[] = [];
    const floor: number[] = [];
    const seconds = { sync: [] as number[], floor: [] as number[], floorFetch: [] as number[] };
    let syncRows = 0;
    let floorRows = 0;
    let syncCalls = 0;
    let stored: Record<string, string> = {};
    for (let i = 0; i < ROUNDS; i++) {
      const s = await syncOnce(world, unlimited, unlimitedLimiter);
      sync.push((s.rows / s.ms) * 1000);
      syncRows = s.rows;
      syncCalls = s.calls;
      const f = await floorOnce(world, unlimited, await accessToken());
      // Like for like, or the ratio means nothing: the same rows stored and the same rollups kept.
      if (JSON.stringify(s.stored) !== JSON.stringify(f.stored)) {
        throw new Error(`the sync and the floor stored different data:\n  sync  ${JSON.stringify(s.stored)}\n  floor ${JSON.stringify(f.stored)}`);
      }
      stored = s.stored;
      floor.push((f.rows / f.ms) * 1000);
      floorRows = f.rows;
      seconds.sync.push(s.ms / 1000);
      seconds.floor.push(f.ms / 1000);
      seconds.floorFetch.push(f.fetchMs / 1000);
      console.log(`  sync-${label} round ${i + 1}: sync ${round(s.ms / 1000)} s (${s.rows} rows, ${s.calls} calls), floor ${round(f.ms / 1000)} s (${f.rows} rows, ${round(f.fetchMs / 1000)} s of it fetching)`);
    }

    // Limits on: 60 calls a "minute" of LIMITED.minuteMs, enforced by the fake and obeyed by the limiter.
    Object.assign(fake.settings.limits, { perMinute: LIMITED.perMinute, minuteMs: LIMITED.minuteMs, concurrent: 5 });
    fake.resetLimits();
    const limitedLimits: RateLimits = { ...DEFAULT_RATE_LIMITS, perDay: 1e9, perMinute: LIMITED.perMinute, minuteMs: LIMITED.minuteMs };
    const limited = fakeSyncSettings(fake, { pageSize: LIMITED.pageSize, limits: limitedLimits });
    const l = await syncOnce(world, limited, new RateLimiter(limitedLimits), world.limited);
    const minimumMs = limitMinimumMs(l.calls, LIMITED.perMinute, LIMITED.minuteMs);
    // Whether the limit, not the database, set the pace: how long the sync took to use up the first
    // minute's 60 calls (fetching and storing their pages), against the minute; and how long it ran
    // after its last call (storing the pages still in hand).
    const firstMinuteUsedMs = l.callsAtMs.length >= LIMITED.perMinute ? l.callsAtMs[LIMITED.perMinute - 1]! : null;
    const afterLastCallMs = l.ms - (l.callsAtMs.at(-1) ?? 0);
    Object.assign(fake.settings.limits, UNLIMITED);

    const rowsPerSecond = percentile(sync, 50);
    const floorPerSecond = percentile(floor, 50);
    const result = {
      engine: label,
      tenant: size,
      rounds: ROUNDS,
      pageSize: PAGE_SIZE,
      unlimited: {
        rows: syncRows, floorRows, apiCalls: syncCalls, stored,
        rowsPerSecondP50: round(rowsPerSecond, 0), floorRowsPerSecondP50: round(floorPerSecond, 0), ratio: round(rowsPerSecond / floorPerSecond),
        samples: { sync: sync.map((v) => round(v, 0)), floor: floor.map((v) => round(v, 0)) },
        secondsP50: { sync: round(percentile(seconds.sync, 50)), floor: round(percentile(seconds.floor, 50)), floorFetchAndParse: round(percentile(seconds.floorFetch, 50)) },
      },
      limited: {
        tenant: { invoices: world.limited.tenant.accounting.Invoices.size, contacts: world.limited.tenant.accounting.Contacts.size, payments: world.limited.tenant.accounting.Payments.size },
        perMinute: LIMITED.perMinute, minuteMs: LIMITED.minuteMs, concurrent: 5, pageSize: LIMITED.pageSize, rows: l.rows, apiCalls: l.calls,
        wallMs: round(l.ms, 0), theoreticalMinimumMs: minimumMs, ratio: round(l.ms / minimumMs), overLimitCalls: l.overLimit,
        firstCallMs: round(l.callsAtMs[0] ?? 0, 0), firstMinuteUsedMs: firstMinuteUsedMs === null ? null : round(firstMinuteUsedMs, 0),
        afterLastCallMs: round(afterLastCallMs, 0),
      },
    };
    console.table([
      { measure: "full sync, limits off", engine: label, value: `${round(rowsPerSecond, 0)} rows/s`, floor: `${round(floorPerSecond, 0)} rows/s`, ratio: round(rowsPerSecond / floorPerSecond) },
      { measure: `full sync, ${LIMITED.perMinute} calls per ${LIMITED.minuteMs} ms`, engine: label, value: `${round(l.ms / 1000)} s (${l.calls} calls)`, floor: `${round(minimumMs / 1000)} s`, ratio: round(l.ms / minimumMs) },
    ]);
    const engineLabel = label as "pglite" | "postgres";
    recordFigure({ name: `Full Xero sync, ${INVOICES} invoices, limits off, vs bare fetch-and-insert`, engine: engineLabel, value: rowsPerSecond, floor: floorPerSecond, unit: "rows/s", target: { ratioMin: 0.7 } });
    recordFigure({ name: `Full Xero sync, ${LIMITED.perMinute} calls/min and 5 at once, vs the limit's minimum`, engine: engineLabel, value: l.ms, floor: minimumMs, unit: "ms", target: { ratioMax: 1.1 } });
    console.log(
      `  sync-${label} limited: ${l.calls} calls, ${l.rows} rows in ${round(l.ms / 1000)} s; the limit allows it in ${round(minimumMs / 1000)} s (a ${LIMITED.minuteMs} ms minute); ` +
        `first call at ${round((l.callsAtMs[0] ?? 0) / 1000)} s, the first minute's ${LIMITED.perMinute} calls used up at ${firstMinuteUsedMs === null ? "—" : round(firstMinuteUsedMs / 1000)} s, ` +
        `${round(afterLastCallMs / 1000)} s after the last call`,
    );
    recordFigure({ name: "Sync calls over Xero's limit", engine: engineLabel, value: l.overLimit, floor: null, unit: "calls", target: { valueMax: 0 } });
    await writeResult(`sync-${label}`, result);
  } finally {
    await world.fake.close();
  }
}

/** BENCH_ONLY=sync: PGlite, and PostgreSQL when a URL is given (in a scratch database). */
export async function benchSyncAll(postgresUrl: string | undefined, withScratchDatabase: (url: string, fn: (url: string) => Promise<void>) => Promise<void>) {
  const { createPGliteEngine } = await import("@/server/db/pglite-engine");
  const { createPostgresEngine } = await import("@/server/db/postgres-engine");
  const pglite = await createPGliteEngine();
  await benchSync(pglite, "pglite");
  await pglite.close();
  if (!postgresUrl) return console.log("sync-postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
  await withScratchDatabase(postgresUrl, async (url) => {
    const engine = createPostgresEngine(url, 4);
    await benchSync(engine, "postgres");
    await engine.close();
  });
}
