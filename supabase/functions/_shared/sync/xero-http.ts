/**
 * One GET against a Xero API (Accounting or XPM), with everything the reference asks of a connector:
 * the tenant header, a rate-limiter slot per attempt, 429s obeyed (Retry-After, X-Rate-Limit-Problem;
 * a day breach ends with DayLimitReached), one token refresh on 401 TokenExpired, bounded jittered
 * retries of 500/503 and network errors, and statuses checked before bodies are parsed.
 */
import { retryDelayMs } from "../jobs/backoff.ts";
import { classifyRateLimitProblem, type RateLimiter } from "./rate-limiter.ts";
import { DayLimitReached, SyncError } from "./sync-errors.ts";

/** Hands out a valid access token; `refresh` is called at most once per call after a 401 TokenExpired. */
export interface AccessTokenSource {
  accessToken(): Promise<string>;
  refresh(staleToken?: string): Promise<string>;
}

export interface XeroHttpOptions {
  tenantId: string;
  tokens: AccessTokenSource;
  limiter: RateLimiter;
  fetch?: typeof fetch;
  /** Retries of 500/503/network failures, and of minute 429s. */
  maxRetries?: number;
  maxRateLimitRetries?: number;
  retryBaseMs?: number;
  /** Retry-After is capped here; anything longer is treated like a day breach for this run. */
  maxRetryAfterMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Called with each response's remaining-allowance headers (for the health panel). */
  onHeadroom?: (headroom: { day: number | null; minute: number | null; appMinute: number | null }) => void;
}

export interface XeroResponse {
  status: number;
  headers: Headers;
  text: string;
}

const intHeader = (h: Headers, name: string) => {
  const v = h.get(name);
  const n = v === null ? NaN : Number(v);
  return Number.isFinite(n) ? n : null;
};

export async function xeroGet(url: string, headers: Record<string, string>, options: XeroHttpOptions): Promise<XeroResponse> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxRetries = options.maxRetries ?? 3;
  const maxRateLimitRetries = options.maxRateLimitRetries ?? 20;
  const baseMs = options.retryBaseMs ?? 500;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  let refreshed = false;
  let failures = 0;
  let rateLimited = 0;
  let token = await options.tokens.accessToken();

  for (;;) {
    const release = await options.limiter.acquire(options.tenantId);
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, {
        headers: { ...headers, authorization: `Bearer ${token}`, "xero-tenant-id": options.tenantId },
        signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      });
      text = await response.text();
    } catch (error) {
      release();
      if (++failures > maxRetries) {
        throw new SyncError("upstream_unavailable", `Xero could not be reached (${error instanceof Error ? error.message : "network error"}).`, true);
      }
      await sleep(retryDelayMs(failures, baseMs, 30_000));
      continue;
    }
    release();
    options.onHeadroom?.({
      day: intHeader(response.headers, "x-daylimit-remaining"),
      minute: intHeader(response.headers, "x-minlimit-remaining"),
      appMinute: intHeader(response.headers, "x-appminlimit-remaining"),
    });
    const status = response.status;
    if (status >= 200 && status < 300) return { status, headers: response.headers, text };

    if (status === 429) {
      const problem = classifyRateLimitProblem(response.headers.get("x-rate-limit-problem"));
      const retryAfter = intHeader(response.headers, "retry-after");
      // Retry-After is reliable only for minute and day breaches; otherwise back off with jitter.
      const waitMs = retryAfter !== null ? retryAfter * 1000 : retryDelayMs(rateLimited + 1, baseMs, 30_000);
      if (problem === "day" || waitMs > maxRetryAfterMs) {
        options.limiter.pause(options.tenantId, "day", waitMs);
        throw new DayLimitReached(options.tenantId, Date.now() + waitMs);
      }
      options.limiter.pause(options.tenantId, problem, waitMs);
      if (++rateLimited > maxRateLimitRetries) {
        throw new SyncError("rate_limited", "Xero kept answering 429 Too Many Requests; the sync will try again later.", true, { status });
      }
      continue;
    }
    if (status === 401) {
      if (/TokenExpired/i.test(text) && !refreshed) {
        refreshed = true;
        token = await options.tokens.refresh(token);
        continue;
      }
      throw new SyncError(
        /TokenExpired/i.test(text) ? "token_expired" : "reconnect_required",
        /TokenExpired/i.test(text) ? "Xero rejected a freshly refreshed token." : "Xero refused the token (missing scope or revoked consent); connect Xero again.",
        false,
        { status },
      );
    }
    if (status === 403) {
      throw new SyncError("tenant_forbidden", "Xero refused access to this organization (AuthenticationUnsuccessful): it was disconnected or the user lost access.", false, { status });
    }
    if (status >= 500) {
      if (++failures > maxRetries) {
        throw new SyncError("upstream_unavailable", `Xero answered ${status} ${status === 503 ? "Service Unavailable" : "Internal Server Error"} ${failures} times.`, true, { status });
      }
      await sleep(retryDelayMs(failures, baseMs, 30_000));
      continue;
    }
    throw new SyncError("bad_request", `Xero answered ${status}: ${text.slice(0, 200)}`, false, { status });
  }
}
