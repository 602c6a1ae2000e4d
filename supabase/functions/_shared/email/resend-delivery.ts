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
  /** A failure the provider may get over (5xx, 429 rate limit, timeout, network): worth a later try. */
  retryable: boolean;
}

type SendAnswer = { data: { id: string } | null; error: { name?: string; message: string; statusCode?: number | null } | null; headers?: Record<string, string> | null };

/**
 * The SDK sets no deadline: a provider that accepts the connection and never answers would hold
 * the job forever. Past `ms` the call counts as a network failure (retried with the same key, so
 * a late success on Resend's side is not sent twice).
 */
function withDeadline(call: Promise<SendAnswer>, ms: number): Promise<SendAnswer> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<SendAnswer>((resolve) => {
    timer = setTimeout(() => resolve({ data: null, error: { name: "timeout", message: `no answer within ${ms} ms`, statusCode: null }, headers: null }), ms);
  });
  return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
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
    const call = client(settings).emails.send(
      { from: settings.from, to: message.to, subject: message.subject, html: message.html, text: message.text },
      { idempotencyKey: message.idempotencyKey },
    ) as Promise<SendAnswer>;
    const { data, error, headers } = await withDeadline(call, settings.timeoutMs);
    if (!error && data) return { status: "sent", providerId: data.id, error: null, attempts: attempt, retryable: false };
    const failure = error ?? { name: "application_error", message: "empty response", statusCode: null };
    lastError = `${failure.statusCode ?? "network"} ${failure.name}: ${failure.message}`.slice(0, 1000);
    const retryable = isRetryable(failure);
    if (!retryable || attempt === settings.maxAttempts) return { status: "failed", providerId: null, error: lastError, attempts: attempt, retryable };
    const retryAfter = Number(headers?.["retry-after"]);
    const backoff = settings.retryBaseMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
    await wait(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 30_000) : backoff, signal);
  }
  return { status: "failed", providerId: null, error: lastError, attempts: settings.maxAttempts, retryable: true };
}
