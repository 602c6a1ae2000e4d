import { randomBytes } from "node:crypto";
import { instanceSecret } from "@/server/db/instance-secret";
import { config, reloadConfig, syncConfig, type Config } from "@/server/config";
import { sql, type Engine, type Tx } from "@/server/db";
import { asServiceOn } from "@/server/db/transactions";
import { isoDateIn } from "@/server/dashboards/date-range";
import { forgetTokenSources } from "@edge-shared/sync/token-store.ts";
import { startXeroFake, type XeroFake } from "@/server/demo/xero-fake/xero-fake";
import type { FakeTenant } from "@/server/demo/xero-fake/xero-fake-data";
import { generateFinanceData } from "./generate-finance-data";
import { linkDemoStaff } from "./link-demo-staff";
import { addDemoActivity, stableUuid, type DemoActivitySummary } from "./demo-activity";
import { DEMO_ORGANIZATIONS } from "./demo-organizations";
import { DEMO_INVOICES, demoSeedFor } from "./demo-org-data";
import { appUrl } from "@/server/app-url";
import { connectFakeTenants } from "./xero-fake/connect-fake-tenants";

/**
 * The embedded demo's "Demo Xero" and "Demo XPM": the Xero fake (src/server/demo/xero-fake/) started
 * inside the app on a loopback port. Like a real Xero login, it offers the organisations its user can
 * reach: one Xero organisation and one XPM practice per demo organization, each seeded with the very
 * dataset the database seed gave that organization (in its currency) plus some newer activity. Acme
 * is connected through a real OAuth code exchange at start-up; Globex connects by hand (Settings ›
 * Integrations), choosing its own organisation on the fake's consent screen. An operator can then
 * press "Sync now" and watch real paging, rate limits and token refreshes, with no Xero account.
 */
export const DEMO_XERO_ORG_SLUG = "acme";
export const DEMO_XERO_TENANT_NAME = "Demo Xero";
export const DEMO_XPM_TENANT_NAME = "Demo XPM";

/** The fake tenants' names: Acme's are the demo's "Demo Xero" and "Demo XPM", the others say whose they are. */
export function demoTenantNames(org: { slug: string; name: string }): { xero: string; xpm: string } {
  if (org.slug === DEMO_XERO_ORG_SLUG) return { xero: DEMO_XERO_TENANT_NAME, xpm: DEMO_XPM_TENANT_NAME };
  const short = org.name.split(/\s+/)[0] ?? org.slug;
  return { xero: `${short} ${DEMO_XERO_TENANT_NAME}`, xpm: `${short} ${DEMO_XPM_TENANT_NAME}` };
}

export const XERO_ENTITIES = ["Accounts", "Contacts", "Invoices", "Payments"] as const;
export const XPM_ENTITIES = ["clients", "staff", "jobs", "time", "invoices", "costs"] as const;

/** What the seed used, kept in the Xero connection's checkpoints under `demo` (survives restarts). */
export interface DemoSeedRecord {
  asOf: string;
  seed: number;
  invoices: number;
  currency: string;
}

/** One demo organization's pair of fake tenants. */
export interface DemoXeroTenants {
  slug: string;
  orgId: string;
  organisation: FakeTenant;
  practice: FakeTenant;
  seed: DemoSeedRecord;
  /** The newest UpdatedDateUTC of the seeded records (what a full read of the seed would leave as checkpoint). */
  seededMaxUpdated: string;
  activity: DemoActivitySummary;
}

/** The fake, every demo organization's tenants, and Acme's (connected at start-up) at the top level. */
export interface DemoXero extends DemoXeroTenants {
  fake: XeroFake;
  tenants: DemoXeroTenants[];
  connectionIds: { xero: string; xpm: string } | null;
  /** A demo connection was created on this start (its checkpoints were pre-seeded). */
  firstConnect: boolean;
  /** False when an admin had disconnected both: they stay so ("Connect Xero" then goes to this fake). */
  connected: boolean;
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
  slug: string;
  name: string;
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

/** The tenant ids of an organization's pair: fixed, so every start reconnects the same tenants. */
export const demoTenantIds = (orgId: string) => ({ xero: stableUuid(`demo-xero:${orgId}:xero`), xpm: stableUuid(`demo-xero:${orgId}:xpm`) });

async function connectionsOf(engine: Engine, orgId: string): Promise<ConnectionRow[]> {
  const ids = demoTenantIds(orgId);
  return asServiceOn(engine, (tx) =>
    tx.query<ConnectionRow>(sql`
      select id, provider, status, checkpoints from public.integration_connections
      where org_id = ${orgId} and ((provider = 'xero' and tenant_id = ${ids.xero}) or (provider = 'xpm' and tenant_id = ${ids.xpm}))`),
  );
}

/** Adds one demo organization's Xero organisation and XPM practice to the fake, with its seeded data and newer activity. */
async function addDemoTenants(engine: Engine, fake: XeroFake, org: OrgRow, existing: ConnectionRow[], nowMs: number): Promise<DemoXeroTenants> {
  const ids = demoTenantIds(org.id);
  const stored = existing.find((r) => r.provider === "xero")?.checkpoints.demo;
  const asOf = await asServiceOn(engine, (tx) => seededAsOf(tx, org.id, stored, org.timezone));
  // The currency the database seed used: the organization's own may have changed since (an admin adopting another).
  const seededCurrency = (stored as Partial<DemoSeedRecord> | undefined)?.currency ?? DEMO_ORGANIZATIONS.find((o) => o.slug === org.slug)?.currency ?? org.currency;
  const seed: DemoSeedRecord = { asOf, seed: demoSeedFor(org.slug), invoices: DEMO_INVOICES, currency: seededCurrency };
  const baseMs = seededUpdatedBaseMs(asOf);
  const dataset = { invoices: seed.invoices, seed: seed.seed, asOf, currency: seed.currency, updatedBaseMs: baseMs };
  // Exactly what seedDemo generated for the organization, built once for both tenants.
  const data = linkDemoStaff(generateFinanceData({ seed: seed.seed, invoices: seed.invoices, asOf, currency: seed.currency }), org.slug);
  const names = demoTenantNames(org);
  const organisation = fake.addTenant("ORGANISATION", names.xero, dataset, { tenantId: ids.xero, dataset: data });
  const practice = fake.addTenant("PRACTICEMANAGER", names.xpm, dataset, { tenantId: ids.xpm, dataset: data });
  let maxMs = baseMs;
  for (const entity of Object.values(organisation.accounting)) for (const r of entity.values()) maxMs = Math.max(maxMs, r.updatedMs);
  const activity = addDemoActivity(organisation, practice, { asOf, today: isoDateIn(org.timezone, new Date(nowMs)), nowMs });
  return { slug: org.slug, orgId: org.id, organisation, practice, seed, seededMaxUpdated: new Date(maxMs).toISOString(), activity };
}

/**
 * Starts the fake with every demo organization's tenants, points the app's Xero settings at it and
 * (re)connects Acme. Null without the Acme organization (no demo seeded).
 */
export async function startDemoXero(engine: Engine, options: { now?: () => number } = {}): Promise<DemoXero | null> {
  const now = options.now ?? Date.now;
  const slugs = DEMO_ORGANIZATIONS.map((o) => o.slug);
  const orgs = await engine.transaction((tx) =>
    tx.query<OrgRow>(sql`select id, slug, name, timezone, currency from public.organizations where slug = any(${slugs}::text[])`),
  );
  const acme = orgs.find((o) => o.slug === DEMO_XERO_ORG_SLUG);
  if (!acme) return null;
  const existing = await connectionsOf(engine, acme.id);

  const env = config();
  const redirectUri = appUrl("/api/integrations/xero/callback");
  // An admin connecting by hand chooses on a consent screen, as in Xero.
  const fake = await startXeroFake({ redirectUris: [redirectUri], consentPage: true });
  let restoreEnv = () => {};
  try {
    const tenants: DemoXeroTenants[] = [];
    for (const org of [acme, ...orgs.filter((o) => o !== acme).sort((a, b) => slugs.indexOf(a.slug) - slugs.indexOf(b.slug))]) {
      tenants.push(await addDemoTenants(engine, fake, org, org === acme ? existing : await connectionsOf(engine, org.id), now()));
    }
    const mine = tenants[0]!;

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
    const base = { ...mine, fake, tenants, close: fake.close };
    if (existing.length > 0 && existing.every((r) => r.status === "disconnected")) {
      return { ...base, connectionIds: null, firstConnect: false, connected: false };
    }

    // A real consent for Acme's two tenants, code exchange and all.
    const isNew = { xero: !existing.some((r) => r.provider === "xero"), xpm: !existing.some((r) => r.provider === "xpm") };
    const byTenant = await connectFakeTenants(engine, acme.id, fake, syncConfig(), [mine.organisation.tenantId, mine.practice.tenantId], {
      now: now(),
      recordBaseCurrency: true,
    });
    const connectionIds = { xero: byTenant[mine.organisation.tenantId]!, xpm: byTenant[mine.practice.tenantId]! };
    await asServiceOn(engine, async (tx) => {
      // A new connection's data is already in the database (the seed IS the Demo Xero data): record it as
      // read by a full sync just now, so the first sync is incremental and fetches only the newer activity.
      // Existing connections keep the sync's checkpoints.
      const at = new Date(now()).toISOString();
      const checkpoint = { since: mine.seededMaxUpdated, lastFullAt: at };
      const preseeded = {
        xero: Object.fromEntries(XERO_ENTITIES.map((e) => [e, checkpoint])),
        xpm: Object.fromEntries(XPM_ENTITIES.map((e) => [e, checkpoint])),
      };
      for (const provider of ["xero", "xpm"] as const) {
        if (!isNew[provider]) continue;
        await tx.query(sql`
          update public.integration_connections set checkpoints = ${JSON.stringify(preseeded[provider])}::jsonb, last_success_at = ${at}
          where id = ${connectionIds[provider]}`);
      }
      await tx.query(sql`
        update public.integration_connections set checkpoints = checkpoints || jsonb_build_object('demo', ${JSON.stringify(mine.seed)}::jsonb)
        where id = ${connectionIds.xero} and not (checkpoints ? 'demo')`);
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
