import type { ApiError } from "@/lib/api-client";
import type { SlugConflictDetails } from "@/lib/organization-views";

/** The suggestion of a 409 for a taken URL name, or null when the error is something else. */
export function slugConflict(error: ApiError | null): string | null {
  if (error?.code !== "CONFLICT") return null;
  const details = error.details as Partial<SlugConflictDetails> | undefined;
  return details?.field === "slug" && typeof details.suggestion === "string" ? details.suggestion : null;
}
