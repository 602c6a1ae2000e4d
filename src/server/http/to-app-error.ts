import { ZodError } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/error-codes";
import { isConnectionFailure } from "@/server/db/database-unavailable";
import { isStorageFull } from "@/server/db/storage-full";
import { AppError } from "./app-error";

/** Per-field validation details: `{ "field.path": ["message", …] }`. */
export function zodDetails(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

interface PgError {
  code: string;
  message: string;
  hint?: string;
}

function isPgError(error: unknown): error is PgError {
  return (
    typeof error === "object" && error !== null && typeof (error as PgError).code === "string" &&
    /^[0-9A-Z]{5}$/.test((error as PgError).code)
  );
}

/**
 * The one place that turns anything thrown into an AppError. Postgres errors are mapped here:
 * unique violation → CONFLICT, privilege or RLS check → FORBIDDEN, a `raise … using hint = '<CODE>'`
 * from our own functions → that code. Anything unknown is an INTERNAL_ERROR with a generic message.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new AppError("VALIDATION_FAILED", "Some fields are invalid", zodDetails(error));
  if (isConnectionFailure(error)) {
    return new AppError("SERVICE_UNAVAILABLE", "The database is not reachable right now; try again in a moment", undefined, { "Retry-After": "5" });
  }
  if (isStorageFull(error)) {
    return new AppError("STORAGE_FULL", "The server's disk is full, so nothing was saved. Ask whoever runs XeroPulse to free some space; what was saved before is safe.");
  }
  if (isPgError(error)) {
    if (error.code === "P0001" && error.hint && error.hint in ERROR_STATUS) {
      return new AppError(error.hint as ErrorCode, error.message);
    }
    switch (error.code) {
      case "23505":
        return new AppError("CONFLICT", "That already exists");
      case "42501":
        return new AppError("FORBIDDEN", "You do not have permission to do this");
      case "23503":
        return new AppError("CONFLICT", "That refers to something that does not exist or is still in use");
      case "23514":
      case "22P02":
      case "22001":
      case "22003":
      case "22007":
      case "22008":
        return new AppError("VALIDATION_FAILED", "A value is out of range or malformed");
      case "57014":
        return new AppError("SERVICE_UNAVAILABLE", "The request took too long; try again");
    }
  }
  return new AppError("INTERNAL_ERROR", "Something went wrong on our side");
}
