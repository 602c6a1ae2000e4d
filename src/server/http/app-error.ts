import { ERROR_STATUS, type ErrorCode } from "@/lib/error-codes";

/** A failure the caller can act on: it becomes the flat error body with its code's status. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what = "Resource") => new AppError("NOT_FOUND", `${what} not found`);
export const forbidden = (message = "You do not have permission to do this") => new AppError("FORBIDDEN", message);
export const unauthorized = (message = "Sign in to continue") => new AppError("UNAUTHORIZED", message);
export const rateLimited = (retryAfterSeconds: number, message = "Too many attempts; try again later") =>
  new AppError("RATE_LIMITED", message, { retryAfterSeconds }, { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) });
