/**
 * Email's environment variables, defined once for both runtimes: src/server/config.ts merges this
 * shape into the app's config, and the `email.send` job reads the same names from whichever
 * runtime runs it (process.env in Node, Deno.env in an Edge Function).
 */
import { z } from "zod";

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());
const int = (fallback: number, min: number) => z.coerce.number().int().min(min).default(fallback);

export const emailEnvShape = {
  // Unset: `resend` when RESEND_API_KEY is set, else `outbox` (see emailTransport).
  EMAIL_TRANSPORT: optional(z.enum(["outbox", "resend"])),
  EMAIL_FROM: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(3).default("XeroPulse <no-reply@xeropulse.test>")),
  RESEND_API_KEY: optional(z.string().min(1)),
  RESEND_BASE_URL: optional(z.string().url()),
  EMAIL_MAX_ATTEMPTS: int(4, 1),
  EMAIL_RETRY_BASE_MS: int(500, 0),
  // One call to the provider may take this long before it counts as failed (and is retried).
  EMAIL_TIMEOUT_MS: int(15_000, 100),
} as const;

const emailEnvSchema = z.object(emailEnvShape);
export type EmailEnv = z.infer<typeof emailEnvSchema>;

export type EmailTransport = "outbox" | "resend";

/** A key without a named transport means Resend: setting the key alone must not leave mail unsent. */
export function emailTransport(env: Pick<EmailEnv, "EMAIL_TRANSPORT" | "RESEND_API_KEY">): EmailTransport {
  return env.EMAIL_TRANSPORT ?? (env.RESEND_API_KEY ? "resend" : "outbox");
}

export interface ResendSettings {
  apiKey: string;
  baseUrl: string | undefined;
  from: string;
  maxAttempts: number;
  retryBaseMs: number;
  timeoutMs: number;
}

/** What the Resend delivery needs, from an environment lookup; throws naming a bad or missing variable. */
export function resendSettingsFromEnv(lookup: (name: string) => string | undefined): ResendSettings {
  const raw: Record<string, string | undefined> = {};
  for (const name of Object.keys(emailEnvShape)) raw[name] = lookup(name);
  const parsed = emailEnvSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Invalid email configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const env = parsed.data;
  if (!env.RESEND_API_KEY) throw new Error("RESEND_API_KEY is not set where this job runs, so the message cannot be delivered");
  return {
    apiKey: env.RESEND_API_KEY,
    baseUrl: env.RESEND_BASE_URL,
    from: env.EMAIL_FROM,
    maxAttempts: env.EMAIL_MAX_ATTEMPTS,
    retryBaseMs: env.EMAIL_RETRY_BASE_MS,
    timeoutMs: env.EMAIL_TIMEOUT_MS,
  };
}
