import { isErrorBody, type ErrorCode } from "@/lib/error-codes";

/**
 * The browser's way to call our API: JSON in and out, same-origin cookies, and every failure
 * thrown as an ApiError carrying the flat error body, so TanStack Query can skip retries on 4xx
 * and forms can put VALIDATION_FAILED details next to their fields.
 */
export type ApiErrorCode = ErrorCode | "NETWORK_ERROR" | "UNKNOWN_ERROR";

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(init: { status: number; code: ApiErrorCode; message: string; details?: unknown; requestId?: string }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId;
  }

  /** VALIDATION_FAILED details as `{ field: [messages] }`; empty for any other error. */
  get fieldErrors(): Record<string, string[]> {
    if (this.code !== "VALIDATION_FAILED" || typeof this.details !== "object" || this.details === null) return {};
    const fields: Record<string, string[]> = {};
    for (const [field, messages] of Object.entries(this.details)) {
      if (Array.isArray(messages)) fields[field] = messages.filter((m): m is string => typeof m === "string");
    }
    return fields;
  }

  /** RATE_LIMITED: how long to wait, from the details or the Retry-After header. */
  get retryAfterSeconds(): number | undefined {
    const value = (this.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    return typeof value === "number" && value > 0 ? value : undefined;
  }
}

export interface ApiRequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  /** Organization id or slug, sent as X-Org-Id. */
  orgId?: string;
  headers?: HeadersInit;
  signal?: AbortSignal;
}

export async function apiFetch<T = unknown>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  const headers = new Headers(options.headers);
  headers.set("Accept", "application/json");
  // FormData (file uploads) sets its own multipart Content-Type with the boundary.
  const form = typeof FormData !== "undefined" && options.body instanceof FormData;
  if (options.body !== undefined && !form) headers.set("Content-Type", "application/json");
  if (options.orgId) headers.set("X-Org-Id", options.orgId);

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers,
      body: options.body === undefined ? undefined : form ? (options.body as FormData) : JSON.stringify(options.body),
      credentials: "same-origin",
      cache: "no-store",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError({ status: 0, code: "NETWORK_ERROR", message: "Could not reach the server. Check your connection and try again." });
  }

  const payload = await readJson(response);
  if (response.ok) return payload as T;

  const requestId = response.headers.get("X-Request-ID") ?? undefined;
  if (isErrorBody(payload)) {
    const retryAfter = Number(response.headers.get("Retry-After"));
    const details =
      payload.details === undefined && payload.code === "RATE_LIMITED" && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : payload.details;
    throw new ApiError({ status: response.status, code: payload.code, message: payload.error, details, requestId: payload.requestId ?? requestId });
  }
  throw new ApiError({
    status: response.status,
    code: "UNKNOWN_ERROR",
    message: `The server answered ${response.status} ${response.statusText}`.trim(),
    requestId,
  });
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const api = {
  get: <T = unknown>(path: string, options?: Omit<ApiRequestOptions, "method" | "body">) => apiFetch<T>(path, { ...options, method: "GET" }),
  post: <T = unknown>(path: string, body?: unknown, options?: Omit<ApiRequestOptions, "method" | "body">) =>
    apiFetch<T>(path, { ...options, method: "POST", body }),
  patch: <T = unknown>(path: string, body?: unknown, options?: Omit<ApiRequestOptions, "method" | "body">) =>
    apiFetch<T>(path, { ...options, method: "PATCH", body }),
  put: <T = unknown>(path: string, body?: unknown, options?: Omit<ApiRequestOptions, "method" | "body">) =>
    apiFetch<T>(path, { ...options, method: "PUT", body }),
  delete: <T = unknown>(path: string, options?: Omit<ApiRequestOptions, "method" | "body">) => apiFetch<T>(path, { ...options, method: "DELETE" }),
};
