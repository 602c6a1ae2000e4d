import { randomBytes, randomUUID } from "node:crypto";
import { instanceSecret } from "@/server/db/instance-secret";
import { config, reloadConfig, syncConfig, type Config } from "@/server/config";
import { sql, type Engine, type Tx } from "@/server/db";
import { asServiceOn } from "@/server/db/transactions";
import { isoDateIn } from "@/server/dashboards/date-range";
import { forgetTokenSources, sealTokens, tokenKey } from "@jobs/sync/token-store.ts";
import { buildAuthorizeUrl, exchangeAuthorizationCode, listConnections, type XeroOAuthConfig } from "@jobs/sync/xero-oauth.ts";
import { startXeroFake, type XeroFake } from "@/server/demo/xero-fake/xero-fake";
import type { FakeTenant } from "@/server/demo/xero-fake/xero-fake-data";
import { generateFinanceData } from "./generate-finance-data";
import { addDemoActivity, stableUuid, type DemoActivitySummary } from "./demo-activity";
import { DEMO_INVOICES, demoSeedFor } from "./seed-demo";

/**
 * The embedded demo's "Demo Xero" and "Demo XPM": the Xero fake (src/server/demo/xero-fake/xero-fake.ts) started
 * inside the app on a loopback port, seeded with the very dataset the database seed gave Acme plus
 * some newer activity, and connected to Acme through a real OAuth code exchange. An operator can then
 * press "Sync now" and watch real paging, rate limits and token refreshes, with no Xero account.
 */
export const DEMO_XERO_ORG_SLUG = "acme";
export const DEMO_XERO_TENANT_NAME = "Demo Xero";
export const DEMO_XPM_TENANT_NAME = "Demo XPM";

export const XERO_ENTITIES = ["Accounts", "Contacts", "Invoices", "Payments"] as const;
export const XPM_ENTITIES = ["clients", "staff", "jobs", "time", "invoices", "costs"] as const;

/** What the seed used, kept in the Xero connection's checkpoints under `demo` (survives restarts). */
export interface DemoSeedRecord {
  asOf: string;
  seed: number;
  invoices: number;
  currency: string;
}

export interface DemoXero {
  fake: XeroFake;
  orgId: string;
  organisation: FakeTenant;
  practice: FakeTenant;
  connectionIds: { xero: string; xpm: string } | null;
  /** A demo connection was created on this start (its checkpoints were pre-seeded). */
  firstConnect: boolean;
  /** False when an admin had disconnected both: they stay so ("Connect Xero" then goes to this fake). */
  connected: boolean;
  seed: DemoSeedRecord;
  /** The newest UpdatedDateUTC of the seeded records (what a full read of the seed would leave as checkpoint). */
  seededMaxUpdated: string;
  activity: DemoActivitySummary;
  close(): Promise<void>;
}

/** The embedded default with its demo, and no real Xero app: the only case the demo connection is for. */
export function demoXeroWanted(env: Config = config()): boolean {
  return !env.DATABASE_URL && env.SEED_DEMO && !env.XERO_CLIENT_ID;
}

/**
 * Seeded records are stamped from three days before the seed's as-of date, a second apart (the fake's
 * convention), so the stamps are the same on every start and always lie in the past.
 */
export const seededUpdatedBaseMs = (asOf: string) => Date.parse(`${asOf}T00:00:00Z`) - 3 * 86_400_000;

interface OrgRow {
  id: string;
  timezone: string;
  currency: string;
}

interface ConnectionRow {
  id: string;
  provider: "xero" | "xpm";
  status: string;
  checkpoints: Record<string, unknown>;
}

/** The INTEGRATIONS_ENCRYPTION_KEY the instance made for itself (production refuses to run without one). */
async function instanceEncryptionKey(engine: Engine): Promise<string> {
  return engine.transaction((tx) => instanceSecret(tx, "integrations_encryption_key", () => randomBytes(32).toString("base64")));
}

/**
 * The as-of date the database seed used. Stored after the first connect; before that the seed's
 * internal job tells it (the generator makes "Internal time" run up to the as-of date exactly).
 */
async function seededAsOf(tx: Tx, orgId: string, stored: unknown, timezone: string): Promise<string> {
  const asOf = (stored as Partial<DemoSeedRecord> | undefined)?.asOf;
  if (typeof asOf === "string" && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) return asOf;
  const internal = await tx.maybeOne<{ due_date: string | null }>(sql`
    select due_date from public.xpm_jobs where org_id = ${orgId} and job_number = 'J000000' and name = 'Internal time'`);
  return internal?.due_date ?? isoDateIn(timezone);
}

/** Sets variables and returns how to put the previous values back. */
function setEnv(values: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  reloadConfig();
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    reloadConfig();
  };
}

/** Starts the fake, seeds it like Acme, points the app's Xero settings at it and (re)connects Acme. */
export async function startDemoXero(engine: Engine, options: { now?: () => number } = {}): Promise<DemoXero | null> {
  const now = options.now ?? Date.now;
  const org = await engine.transaction((tx) =>
    tx.maybeOne<OrgRow>(sql`select id, timezone, currency from public.organizations where slug = ${DEMO_XERO_ORG_SLUG}`),
  );
  if (!org) return null;
  const tenantIds = { xero: stableUuid(`demo-xero:${org.id}:xero`), xpm: stableUuid(`demo-xero:${org.id}:xpm`) };
  const { existing, asOf } = await asServiceOn(engine, async (tx) => {
    const rows = await tx.query<ConnectionRow>(sql`
      select id, provider, status, checkpoints from public.integration_connections
      where org_id = ${org.id} and ((provider = 'xero' and tenant_id = ${tenantIds.xero}) or (provider = 'xpm' and tenant_id = ${tenantIds.xpm}))`);
    const xero = rows.find((r) => r.provider === "xero");
    return { existing: rows, asOf: await seededAsOf(tx, org.id, xero?.checkpoints.demo, org.timezone) };
  });
  const seed: DemoSeedRecord = { asOf, seed: demoSeedFor(DEMO_XERO_ORG_SLUG), invoices: DEMO_INVOICES, currency: org.currency };

  const env = config();
  const appUrl = (env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
  const redirectUri = `${appUrl}/api/integrations/xero/callback`;
  const fake = await startXeroFake({ redirectUris: [redirectUri] });
  let restoreEnv = () => {};
  try {
    const baseMs = seededUpdatedBaseMs(asOf);
    const dataset = { invoices: seed.invoices, seed: seed.seed, asOf, currency: seed.currency, updatedBaseMs: baseMs };
    // Exactly what seedDemo generated for Acme, built once for both tenants.
    const data = generateFinanceData({ seed: seed.seed, invoices: seed.invoices, asOf, currency: seed.currency });
    const organisation = fake.addTenant("ORGANISATION", DEMO_XERO_TENANT_NAME, dataset, { tenantId: tenantIds.xero, dataset: data });
    const practice = fake.addTenant("PRACTICEMANAGER", DEMO_XPM_TENANT_NAME, dataset, { tenantId: tenantIds.xpm, dataset: data });
    let maxMs = baseMs;
    for (const entity of Object.values(organisation.accounting)) for (const r of entity.values()) maxMs = Math.max(maxMs, r.updatedMs);
    const seededMaxUpdated = new Date(maxMs).toISOString();
    const activity = addDemoActivity(organisation, practice, { asOf, today: isoDateIn(org.timezone, new Date(now())), nowMs: now() });

    restoreEnv = setEnv({
      XERO_CLIENT_ID: fake.clientId,
      XERO_CLIENT_SECRET: fake.clientSecret,
      XERO_REDIRECT_URI: redirectUri,
      XERO_LOGIN_URL: fake.url,
      XERO_IDENTITY_URL: fake.url,
      XERO_API_URL: fake.apiUrl,
      XPM_BASE_URL: fake.xpmUrl,
      ...(env.INTEGRATIONS_ENCRYPTION_KEY ? {} : { INTEGRATIONS_ENCRYPTION_KEY: await instanceEncryptionKey(engine) }),
    });
    const settings = syncConfig();
    const oauth: XeroOAuthConfig = { ...settings.oauth };
    const base = { fake, orgId: org.id, organisation, practice, seed, seededMaxUpdated, activity, close: fake.close };
    if (existing.length > 0 && existing.every((r) => r.status === "disconnected")) {
      return { ...base, connectionIds: null, firstConnect: false, connected: false };
    }

    // A real consent: the fake's authorize endpoint agrees at once and redirects with a code.
    const state = randomUUID();
    const authorize = await fetch(buildAuthorizeUrl(oauth, state, settings.oauth.scopes), { redirect: "manual" });
    const code = new URL(authorize.headers.get("location") ?? "", appUrl).searchParams.get("code");
    if (authorize.status !== 302 || !code) throw new Error(`the Demo Xero consent failed (${authorize.status})`);
    const tokens = await exchangeAuthorizationCode(oauth, code, now());
    const connections = await listConnections(oauth, tokens.accessToken, tokens.authenticationEventId ?? undefined);
    const connectionOf = (tenantId: string) => {
      const c = connections.find((x) => x.tenantId === tenantId);
      if (!c) throw new Error("the Demo Xero consent did not connect both tenants");
      return c;
    };
    const tokenSetId = randomUUID();
    const sealed = await sealTokens(await tokenKey(settings), tokenSetId, tokens);
    const tenants = [
      { provider: "xero", tenantId: tenantIds.xero, tenantName: DEMO_XERO_TENANT_NAME, xeroConnectionId: connectionOf(tenantIds.xero).id },
      { provider: "xpm", tenantId: tenantIds.xpm, tenantName: DEMO_XPM_TENANT_NAME, xeroConnectionId: connectionOf(tenantIds.xpm).id },
    ];
    const isNew = { xero: !existing.some((r) => r.provider === "xero"), xpm: !existing.some((r) => r.provider === "xpm") };

    const connectionIds = await asServiceOn(engine, async (tx) => {
      await tx.query(sql`
        select * from app_private.save_integration_consent(
          ${org.id}, ${tokenSetId}, ${sealed.accessEnc}, ${sealed.refreshEnc}, ${new Date(tokens.expiresAt).toISOString()},
          ${tokens.scope}::text[], ${tokens.authenticationEventId}, ${JSON.stringify(tenants)}::jsonb)`);
      const rows = await tx.query<{ id: string; provider: "xero" | "xpm" }>(sql`
        select id, provider from public.integration_connections
        where org_id = ${org.id} and ((provider = 'xero' and tenant_id = ${tenantIds.xero}) or (provider = 'xpm' and tenant_id = ${tenantIds.xpm}))`);
      const ids = { xero: rows.find((r) => r.provider === "xero")!.id, xpm: rows.find((r) => r.provider === "xpm")!.id };
      // A new connection's data is already in the database (the seed IS the Demo Xero data): record it as
      // read by a full sync just now, so the first sync is incremental and fetches only the newer activity.
      // Existing connections keep the sync's checkpoints.
      const at = new Date(now()).toISOString();
      const checkpoint = { since: seededMaxUpdated, lastFullAt: at };
      const preseeded = {
        xero: Object.fromEntries(XERO_ENTITIES.map((e) => [e, checkpoint])),
        xpm: Object.fromEntries(XPM_ENTITIES.map((e) => [e, checkpoint])),
      };
      for (const provider of ["xero", "xpm"] as const) {
        if (!isNew[provider]) continue;
        await tx.query(sql`
          update public.integration_connections set checkpoints = ${JSON.stringify(preseeded[provider])}::jsonb, last_success_at = ${at}
          where id = ${ids[provider]}`);
      }
      await tx.query(sql`
        update public.integration_connections set checkpoints = checkpoints || jsonb_build_object('demo', ${JSON.stringify(seed)}::jsonb)
        where id = ${ids.xero} and not (checkpoints ? 'demo')`);
      return ids;
    });
    // The old token set was replaced: holders cached from it would present tokens the new fake never issued.
    forgetTokenSources();
    return { ...base, connectionIds, firstConnect: isNew.xero || isNew.xpm, connected: true };
  } catch (error) {
    // Without the demo connection the app runs as if no Xero app were configured.
    restoreEnv();
    await fake.close().catch(() => undefined);
    throw error;
  }
}
