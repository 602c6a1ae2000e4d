import { z } from "zod";
import { syncEnvShape, syncSettings, type SyncSettings } from "@jobs/sync/sync-settings.ts";

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

const envShape = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: optionalUrl,
  DATABASE_URL: optionalUrl,
  XEROPULSE_DATA_DIR: z.string().min(1).default("./.data"),
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
  NEXT_PUBLIC_SUPABASE_URL: optionalUrl,
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: optionalString,
  SUPABASE_SECRET_KEY: optionalString,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: bool(false),
  MAX_BODY_BYTES: int(1_048_576, 1024),
  DEV_MAILBOX: bool(false),
  JOBS_RUNNER: z.enum(["worker", "edge", "off"]).default("worker"),
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  JOBS_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  // Read by job code too (supabase/functions/_shared/jobs/kinds/system-prune.ts).
  JOBS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  METABASE_SITE_URL: optionalUrl,
  METABASE_SECRET_KEY: optionalString,
  INVITE_TTL_HOURS: int(168, 1),
  INVITE_MAX_PER_HOUR: int(20, 1),
  EMAIL_TRANSPORT: z.enum(["outbox", "resend"]).default("outbox"),
  EMAIL_FROM: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(3).default("XeroPulse <no-reply@xeropulse.test>")),
  RESEND_API_KEY: optionalString,
  RESEND_BASE_URL: optionalUrl,
  EMAIL_MAX_ATTEMPTS: int(4, 1),
  EMAIL_RETRY_BASE_MS: int(500),
  // Xero/XPM sync: defined with the job code that reads them too (supabase/functions/_shared/sync).
  ...syncEnvShape,
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
  if (env.AI_BASE_URL && !env.AI_MODEL) {
    ctx.addIssue({ code: "custom", path: ["AI_MODEL"], message: "is required when AI_BASE_URL is set (the model's name at that endpoint)" });
  }
  if (env.AUTH_JWT_SECRET && env.AUTH_JWT_SECRET.length < 32) {
    ctx.addIssue({ code: "custom", path: ["AUTH_JWT_SECRET"], message: "must be at least 32 characters" });
  }
});

export type Config = z.infer<typeof schema>;

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(environment)"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** The sync's settings (URLs, limits, keys) from the same parsed environment. */
export function syncConfig(): SyncSettings {
  const env = config();
  return syncSettings(env, env.NODE_ENV === "production");
}

/** Drops the cached parse after the environment changed (tests between cases; the demo's built-in Xero at start-up). */
export function reloadConfig(): void {
  cached = undefined;
}
