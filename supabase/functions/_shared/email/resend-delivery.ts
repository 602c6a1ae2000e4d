import { Resend } from "resend";
import type { ResendSettings } from "./email-settings.ts";

export interface OutgoingEmail {
  /** Resend's Idempotency-Key: the same for every attempt, so a retry never sends twice. */
  idempotencyKey: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

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

/** Waits `ms`; rejects as soon as `signal` aborts (the worker is shutting down). */
function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("delivery interrupted"));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error("delivery interrupted"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

let cached: { key: string; baseUrl: string | undefined; client: Resend } | undefined;

/** Built on first use: the SDK throws without a key. */
function client(settings: ResendSettings): Resend {
  if (cached?.key !== settings.apiKey || cached.baseUrl !== settings.baseUrl) {
    cached = { key: settings.apiKey, baseUrl: settings.baseUrl, client: new Resend(settings.apiKey, { baseUrl: settings.baseUrl }) };
  }
  return cached.client;
}

/**
 * Sends one message through the official SDK. The SDK never throws on API errors; it resolves to
 * `{ data, error, headers }`. Retryable failures are retried with exponential backoff (a
 * Retry-After header wins, up to 30 s), always with the same Idempotency-Key. Runs inside the
 * `email.send` job, never in a request.
 */
export async function deliverWithResend(settings: ResendSettings, message: OutgoingEmail, signal?: AbortSignal): Promise<DeliveryResult> {
  let lastError = "";
  for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
    const { data, error, headers } = await client(settings).emails.send(
      { from: settings.from, to: message.to, subject: message.subject, html: message.html, text: message.text },
      { idempotencyKey: message.idempotencyKey },
    );
    if (!error && data) return { status: "sent", providerId: data.id, error: null, attempts: attempt };
    const failure = error ?? { name: "application_error", message: "empty response", statusCode: null };
    lastError = `${failure.statusCode ?? "network"} ${failure.name}: ${failure.message}`.slice(0, 1000);
    if (!isRetryable(failure) || attempt === settings.maxAttempts) return { status: "failed", providerId: null, error: lastError, attempts: attempt };
    const retryAfter = Number(headers?.["retry-after"]);
    const backoff = settings.retryBaseMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
    await wait(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 30_000) : backoff, signal);
  }
  return { status: "failed", providerId: null, error: lastError, attempts: settings.maxAttempts };
}
