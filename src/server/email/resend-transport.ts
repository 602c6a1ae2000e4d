import { Resend } from "resend";
import { config } from "@/server/config";
import type { EmailMessage } from "./send-email";

export interface DeliveryResult {
  status: "sent" | "failed";
  providerId: string | null;
  error: string | null;
  attempts: number;
}

/** Resend's documented retryable failures: rate limit (not quota), 5xx, non-JSON bodies, network. */
function isRetryable(error: { name?: string; statusCode?: number | null }): boolean {
  if (error.name === "daily_quota_exceeded" || error.name === "monthly_quota_exceeded") return false;
  if (error.name === "rate_limit_exceeded" || error.name === "application_error") return true;
  return error.statusCode == null || error.statusCode >= 500;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let cached: { key: string; baseUrl: string | undefined; client: Resend } | undefined;

/** Built lazily: the SDK throws without a key, and builds without one must not crash. */
function client(): Resend {
  const env = config();
  if (!env.RESEND_API_KEY) throw new Error("RESEND_API_KEY is required for the resend transport");
  if (cached?.key !== env.RESEND_API_KEY || cached.baseUrl !== env.RESEND_BASE_URL) {
    cached = { key: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL, client: new Resend(env.RESEND_API_KEY, { baseUrl: env.RESEND_BASE_URL }) };
  }
  return cached.client;
}

/**
 * Sends one message through Resend. The SDK never throws on API errors; it resolves to
 * `{ data, error, headers }`. Retryable failures are retried with exponential backoff (a
 * Retry-After header wins), always with the same Idempotency-Key, so a retry never sends twice.
 */
export async function deliverWithResend(message: EmailMessage): Promise<DeliveryResult> {
  const env = config();
  let lastError = "";
  for (let attempt = 1; attempt <= env.EMAIL_MAX_ATTEMPTS; attempt++) {
    const { data, error, headers } = await client().emails.send(
      { from: env.EMAIL_FROM, to: message.to, subject: message.subject, html: message.html, text: message.text },
      { idempotencyKey: message.idempotencyKey },
    );
    if (!error && data) return { status: "sent", providerId: data.id, error: null, attempts: attempt };
    const failure = error ?? { name: "application_error", message: "empty response", statusCode: null };
    lastError = `${failure.statusCode ?? "network"} ${failure.name}: ${failure.message}`.slice(0, 1000);
    if (!isRetryable(failure) || attempt === env.EMAIL_MAX_ATTEMPTS) return { status: "failed", providerId: null, error: lastError, attempts: attempt };
    const retryAfter = Number(headers?.["retry-after"]);
    const backoff = env.EMAIL_RETRY_BASE_MS * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
    await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 30_000) : backoff);
  }
  return { status: "failed", providerId: null, error: lastError, attempts: env.EMAIL_MAX_ATTEMPTS };
}
