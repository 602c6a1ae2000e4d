/**
 * The sync's environment variables, defined once for both runtimes: src/server/config.ts merges this
 * shape into the app's config (so Next.js validates and documents them), and job code running under
 * Deno reads the same names through `syncSettingsFromEnv(Deno.env.get)`.
 */
import { z } from "zod";
import { DEFAULT_RATE_LIMITS, type RateLimits } from "./rate-limiter.ts";
import { RECOMMENDED_XERO_SCOPES, type XeroOAuthConfig } from "./xero-oauth.ts";

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());
const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

export const syncEnvShape = {
  XERO_CLIENT_ID: optional(z.string().min(1)),
  XERO_CLIENT_SECRET: optional(z.string().min(1)),
  XERO_REDIRECT_URI: optional(z.string().url()),
  XERO_SCOPES: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).default(RECOMMENDED_XERO_SCOPES)),
  XERO_LOGIN_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().default("https://login.xero.com")),
  XERO_IDENTITY_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().default("https://identity.xero.com")),
  XERO_API_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().default("https://api.xero.com")),
  XPM_BASE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().default("https://api.xero.com/practicemanager/3.1")),
  XERO_WEBHOOK_KEY: optional(z.string().min(16)),
  INTEGRATIONS_ENCRYPTION_KEY: optional(
    z.string().refine((v) => atobLength(v) === 32, "must be the base64 of 32 random bytes (openssl rand -base64 32)"),
  ),
  SYNC_RATE_PER_MINUTE: positiveInt(DEFAULT_RATE_LIMITS.perMinute),
  SYNC_RATE_PER_DAY: positiveInt(DEFAULT_RATE_LIMITS.perDay),
  SYNC_CONCURRENCY: positiveInt(DEFAULT_RATE_LIMITS.concurrent),
  SYNC_APP_RATE_PER_MINUTE: positiveInt(DEFAULT_RATE_LIMITS.appPerMinute),
  SYNC_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(1000),
  SYNC_FULL_RESYNC_HOURS: positiveInt(24),
  // 0 turns the periodic sync off (connections then sync by hand or by webhook only).
  SYNC_SCHEDULE_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
  // How far back XPM jobs, time and invoices are read (XPM lists them by date range).
  SYNC_XPM_WINDOW_DAYS: z.coerce.number().int().min(30).max(3660).default(730),
} as const;

function atobLength(value: string): number {
  try {
    return atob(value).length;
  } catch {
    return -1;
  }
}

const syncEnvSchema = z.object(syncEnvShape);
export type SyncEnv = z.infer<typeof syncEnvSchema>;

/**
 * Used when INTEGRATIONS_ENCRYPTION_KEY is unset outside production, so the embedded demo works from
 * a fresh clone. It is public (it is in this file): production refuses to store tokens without a key.
 */
const DEVELOPMENT_ENCRYPTION_KEY = "eGVyb3B1bHNlLWRldi1vbmx5LXRva2VuLWtleSEhISE="; // "xeropulse-dev-only-token-key!!!!"

export interface SyncSettings {
  oauth: Omit<XeroOAuthConfig, "fetch"> & { scopes: string };
  /** True when a Xero app is configured (client id and secret), i.e. "Connect Xero" can work. */
  oauthConfigured: boolean;
  accountingUrl: string;
  xpmUrl: string;
  webhookKey: string | undefined;
  encryptionKey: string | undefined;
  limits: RateLimits;
  pageSize: number;
  fullResyncMs: number;
  scheduleMinutes: number;
  xpmWindowDays: number;
}

export function syncSettings(env: SyncEnv, production: boolean): SyncSettings {
  const api = env.XERO_API_URL.replace(/\/$/, "");
  return {
    oauth: {
      clientId: env.XERO_CLIENT_ID ?? "",
      clientSecret: env.XERO_CLIENT_SECRET ?? "",
      redirectUri: env.XERO_REDIRECT_URI ?? "",
      authorizeUrl: `${env.XERO_LOGIN_URL.replace(/\/$/, "")}/identity/connect/authorize`,
      tokenUrl: `${env.XERO_IDENTITY_URL.replace(/\/$/, "")}/connect/token`,
      apiBaseUrl: api,
      scopes: env.XERO_SCOPES,
    },
    oauthConfigured: Boolean(env.XERO_CLIENT_ID && env.XERO_CLIENT_SECRET),
    accountingUrl: `${api}/api.xro/2.0`,
    xpmUrl: env.XPM_BASE_URL,
    webhookKey: env.XERO_WEBHOOK_KEY,
    encryptionKey: env.INTEGRATIONS_ENCRYPTION_KEY ?? (production ? undefined : DEVELOPMENT_ENCRYPTION_KEY),
    limits: {
      ...DEFAULT_RATE_LIMITS,
      perMinute: env.SYNC_RATE_PER_MINUTE,
      perDay: env.SYNC_RATE_PER_DAY,
      concurrent: env.SYNC_CONCURRENCY,
      appPerMinute: env.SYNC_APP_RATE_PER_MINUTE,
    },
    pageSize: env.SYNC_PAGE_SIZE,
    fullResyncMs: env.SYNC_FULL_RESYNC_HOURS * 3_600_000,
    scheduleMinutes: env.SYNC_SCHEDULE_MINUTES,
    xpmWindowDays: env.SYNC_XPM_WINDOW_DAYS,
  };
}

/** Reads the settings from an environment lookup (process.env in Node, Deno.env.get in a function). */
export function syncSettingsFromEnv(lookup: (name: string) => string | undefined): SyncSettings {
  const raw: Record<string, string | undefined> = {};
  for (const name of Object.keys(syncEnvShape)) raw[name] = lookup(name);
  const parsed = syncEnvSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid sync configuration: ${lines.join("; ")}`);
  }
  const production = lookup("NODE_ENV") === "production" || Boolean(lookup("DENO_DEPLOYMENT_ID"));
  return syncSettings(parsed.data, production);
}

/** The environment of whichever runtime runs this code. */
export function runtimeEnv(name: string): string | undefined {
  const g = globalThis as { Deno?: { env: { get(n: string): string | undefined } }; process?: { env: Record<string, string | undefined> } };
  return g.Deno ? g.Deno.env.get(name) : g.process?.env[name];
}
