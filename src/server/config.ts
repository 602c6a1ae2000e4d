import "server-only";
import { z } from "zod";
import { emailEnvShape, emailTransport } from "@edge-shared/email/email-settings.ts";
import { alertsEnvShape } from "@edge-shared/alerts/alert-settings.ts";
import { syncEnvShape, syncSettings, type SyncSettings } from "@edge-shared/sync/sync-settings.ts";

/**
 * The one config module: the environment is parsed once, with zod, and a bad value fails fast with
 * a message naming the variable. Every variable is documented in .env.example and the README.
 */
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional());
const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional());
const bool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === "true" || v === "1"));
const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
/** A comma-separated list; blanks dropped. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").map((x) => x.trim()).filter(Boolean) : v === undefined ? [] : v),
    z.array(item),
  );
/** `https://app.example.com` (scheme, host and port only), normalized to its origin. */
const origin = z
  .string()
  .url()
  .refine((v) => {
    const url = new URL(v);
    return (url.protocol === "http:" || url.protocol === "https:") && (url.pathname === "/" || url.pathname === "") && !url.search && !url.hash;
  }, "must be origins such as https://app.example.com (scheme, host and port only)")
  .transform((v) => new URL(v).origin);
/**
 * How many reverse proxies stand in front of the app: `false`/`0` none (the socket's address is
 * the client's), `true`/`1` one, or a number of hops.
 */
const proxyHops = z
  .preprocess((v) => (v === undefined || v === "" || v === "false" ? "0" : v === "true" ? "1" : v), z.string().regex(/^\d{1,2}$/, "must be true, false or a number of proxies (0–99)"))
  .transform(Number);

const envShape = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // Unset: http://localhost:<PORT> (see appUrlDefault below), so email links follow the port.
  APP_URL: optionalUrl,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: optionalUrl,
  XEROPULSE_DATA_DIR: z.string().min(1).default("./.data"),
  // Below this much free space in XEROPULSE_DATA_DIR, writes are refused (STORAGE_FULL) and reads go on. 0: no guard.
  XEROPULSE_DATA_MIN_FREE_MB: int(64),
  DB_AUTO_MIGRATE: bool(true),
  SEED_DEMO: bool(true),
  AUTH_PROVIDER: z.enum(["local", "supabase"]).default("local"),
  AUTH_JWT_SECRET: optionalString,
  AUTH_ACCESS_TOKEN_TTL_SECONDS: int(3600, 60),
  AUTH_REFRESH_REUSE_INTERVAL_SECONDS: int(10),
  AUTH_LOGIN_MAX_FAILURES_PER_EMAIL: int(5, 1),
  AUTH_LOGIN_MAX_FAILURES_PER_IP: int(30, 1),
  AUTH_LOGIN_WINDOW_SECONDS: int(900, 1),
  AUTH_LOCKOUT_SECONDS: int(900, 1),
  AUTH_PASSWORD_RESET_TTL_SECONDS: int(3600, 60),
  AUTH_PASSWORD_RESET_MAX_PER_EMAIL: int(3, 1),
  AUTH_PASSWORD_RESET_MAX_PER_IP: int(20, 1),
  AUTH_PASSWORD_RESET_WINDOW_SECONDS: int(3600, 60),
  NEXT_PUBLIC_SUPABASE_URL: optionalUrl,
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: optionalString,
  SUPABASE_SECRET_KEY: optionalString,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: proxyHops,
  ALLOWED_ORIGINS: list(origin),
  OPERATOR_EMAILS: list(z.string().trim().toLowerCase().email("must be email addresses, separated by commas")),
  OPERATOR_TOKEN: optionalString,
  MAX_BODY_BYTES: int(1_048_576, 1024),
  DEV_MAILBOX: bool(false),
  JOBS_RUNNER: z.enum(["worker", "edge", "off"]).default("worker"),
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  JOBS_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  // Read by job code too (supabase/functions/_shared/jobs/kinds/system-prune.ts).
  JOBS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  // Excel imports: upload size (413 above it), data rows per sheet, and how long uploaded files (and
  // their staged rows) are kept. IMPORT_RETENTION_DAYS is read by job code too (system.prune).
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).max(1_073_741_824).default(20_971_520),
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1_048_575).default(200_000),
  IMPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  // The secret pg_cron sends to the Edge Functions; the app accepts it on POST /api/alerts/deliver.
  JOBS_CRON_SECRET: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(16, "must be at least 16 characters").optional()),
  METABASE_SITE_URL: optionalUrl,
  METABASE_SECRET_KEY: optionalString,
  INVITE_TTL_HOURS: int(168, 1),
  INVITE_MAX_PER_HOUR: int(20, 1),
  // Email: defined with the job code that delivers it (supabase/functions/_shared/email).
  ...emailEnvShape,
  // Organization lifecycle (src/server/onboarding, src/server/orgs).
  SETUP_TOKEN: optionalString,
  SIGNUP_MODE: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["closed", "open"]).optional()),
  SIGNUP_MAX_PER_IP_PER_HOUR: int(10, 1),
  SIGNUP_VERIFY_TTL_HOURS: int(24, 1),
  ORG_CREATION: z.enum(["any", "none"]).default("any"),
  ORG_DELETION_GRACE_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  // Xero/XPM sync: defined with the job code that reads them too (supabase/functions/_shared/sync).
  ...syncEnvShape,
  // Alert evaluation: defined with the job code that reads it too (supabase/functions/_shared/alerts).
  ...alertsEnvShape,
  // Ask XeroPulse: questions per user per hour, and the optional OpenAI-compatible model (the rules
  // planner answers without one; an organization must also opt in before anything is sent).
  ASSISTANT_MAX_PER_HOUR: int(60, 1),
  AI_BASE_URL: optionalUrl,
  AI_MODEL: optionalString,
  AI_API_KEY: optionalString,
  AI_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(20_000),
});

/** Every variable the app reads (a test checks .env.example and the README document each). */
export const CONFIG_KEYS = Object.keys(envShape.shape);

const schema = envShape.superRefine((env, ctx) => {
  if (env.AUTH_PROVIDER === "supabase") {
    for (const key of ["NEXT_PUBLIC_SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "SUPABASE_SECRET_KEY", "DATABASE_URL"] as const) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when AUTH_PROVIDER=supabase" });
    }
  }
  if (env.NODE_ENV === "production" && env.AUTH_PROVIDER === "local" && env.DATABASE_URL && !env.AUTH_JWT_SECRET) {
    ctx.addIssue({ code: "custom", path: ["AUTH_JWT_SECRET"], message: "is required in production with DATABASE_URL" });
  }
  if (env.EMAIL_TRANSPORT === "resend" && !env.RESEND_API_KEY) {
    ctx.addIssue({ code: "custom", path: ["RESEND_API_KEY"], message: "is required when EMAIL_TRANSPORT=resend" });
  }
  if (env.METABASE_SECRET_KEY && env.METABASE_SECRET_KEY.length < 32) {
    ctx.addIssue({ code: "custom", path: ["METABASE_SECRET_KEY"], message: "must be at least 32 characters (Metabase's embedding key is 64 hex characters)" });
  }
  if (env.JOBS_RUNNER === "edge") {
    for (const key of ["NEXT_PUBLIC_SUPABASE_URL", "SUPABASE_SECRET_KEY"] as const) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when JOBS_RUNNER=edge" });
    }
  }
  if (env.NODE_ENV === "production" && env.XERO_CLIENT_ID && !env.INTEGRATIONS_ENCRYPTION_KEY) {
    ctx.addIssue({ code: "custom", path: ["INTEGRATIONS_ENCRYPTION_KEY"], message: "is required in production when Xero is configured" });
  }
  if (env.OPERATOR_TOKEN && env.OPERATOR_TOKEN.length < 32) {
    ctx.addIssue({ code: "custom", path: ["OPERATOR_TOKEN"], message: "must be at least 32 characters" });
  }
  if (env.SIGNUP_MODE === "open" && env.ORG_CREATION === "none") {
    ctx.addIssue({ code: "custom", path: ["SIGNUP_MODE"], message: "cannot be open with ORG_CREATION=none: every sign-up creates an organization" });
  }
  if (env.SETUP_TOKEN && env.SETUP_TOKEN.length < 16) {
    ctx.addIssue({ code: "custom", path: ["SETUP_TOKEN"], message: "must be at least 16 characters (it guards the creation of the first admin)" });
  }
  if (env.AI_BASE_URL && !env.AI_MODEL) {
    ctx.addIssue({ code: "custom", path: ["AI_MODEL"], message: "is required when AI_BASE_URL is set (the model's name at that endpoint)" });
  }
  if (env.AUTH_JWT_SECRET && env.AUTH_JWT_SECRET.length < 32) {
    ctx.addIssue({ code: "custom", path: ["AUTH_JWT_SECRET"], message: "must be at least 32 characters" });
  }
});

// Defaults that depend on other variables, applied after validation.
const withDerivedDefaults = schema.transform((env) => ({
  ...env,
  // `npm run dev` / `npm start` listen on PORT; without APP_URL the app is where they listen.
  APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
  EMAIL_TRANSPORT: emailTransport(env),
}));

export type Config = z.infer<typeof withDerivedDefaults>;

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = withDerivedDefaults.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(environment)"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Config | undefined;
let cachedAt = -1;
// The environment's version, shared by every copy of this module: a production build can bundle it
// into more than one chunk, and reloadConfig() in one (the demo's built-in Xero, started in the
// background) must reach the copies the route handlers hold.
const shared = globalThis as typeof globalThis & { __xeropulseConfigVersion?: number };

export function config(): Config {
  const version = shared.__xeropulseConfigVersion ?? 0;
  if (!cached || cachedAt !== version) {
    cached = parseConfig(process.env);
    cachedAt = version;
  }
  return cached;
}

/** The sync's settings (URLs, limits, keys) from the same parsed environment. */
export function syncConfig(): SyncSettings {
  const env = config();
  return syncSettings(env, env.NODE_ENV === "production");
}

/**
 * Whether anyone may sign up: SIGNUP_MODE, or by default `open` in the embedded database (the demo)
 * and `closed` with DATABASE_URL (a real deployment: invitations only) or with ORG_CREATION=none
 * (a sign-up creates an organization).
 */
export function signupMode(env: Config = config()): "open" | "closed" {
  return env.SIGNUP_MODE ?? (env.DATABASE_URL || env.ORG_CREATION === "none" ? "closed" : "open");
}

/** Drops the cached parse after the environment changed (tests between cases; the demo's built-in Xero at start-up). */
export function reloadConfig(): void {
  cached = undefined;
  shared.__xeropulseConfigVersion = (shared.__xeropulseConfigVersion ?? 0) + 1;
}
