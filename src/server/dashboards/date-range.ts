import { AppError } from "@/server/http/app-error";

export interface DateRange {
  from: string;
  to: string;
  /** Today in the organization's time zone: the day aging and work in progress are measured at. */
  today: string;
}

/** YYYY-MM-DD of `at` in a time zone (en-CA formats dates that way). */
export function isoDateIn(timeZone: string, at: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
  } catch {
    return at.toISOString().slice(0, 10);
  }
}

/**
 * The range a dashboard shows: as asked, or by default the last twelve months up to today (in the
 * organization's time zone). A range given by one end only is completed the same way.
 */
export function resolveDateRange(query: { from?: string; to?: string }, timeZone: string, now: Date = new Date()): DateRange {
  const today = isoDateIn(timeZone, now);
  const to = query.to ?? (query.from && query.from > today ? query.from : today);
  let from = query.from;
  if (!from) {
    const end = new Date(`${to}T00:00:00Z`);
    from = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1)).toISOString().slice(0, 10);
  }
  if (from > to) throw new AppError("VALIDATION_FAILED", "Some fields are invalid", { from: ["must be on or before `to`"] });
  return { from, to, today };
}
