/**
 * Xero's date formats (reference/integrations.md §2). `/Date(ms±hhmm)/` is Unix milliseconds in UTC;
 * the offset is informational and never applied again. Date-only fields encode the org-local calendar
 * day as midnight UTC, so they are read with UTC getters.
 */
const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
const UTC_NO_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;

export function parseXeroDate(value: string): Date | null {
  const m = MS_DATE.exec(value);
  if (!m) return null;
  const ms = Number(m[1]);
  return Number.isSafeInteger(ms) ? new Date(ms) : null;
}

/** A `/Date(…)/` date-only field as `YYYY-MM-DD` (the calendar day Xero meant). */
export function parseXeroDateOnly(value: string): string | null {
  const d = parseXeroDate(value);
  return d ? d.toISOString().slice(0, 10) : null;
}

/** `/connections` and webhook timestamps: up to 7 fractional digits, no `Z`, but UTC. */
export function parseUtcWithoutZone(value: string): Date | null {
  const m = UTC_NO_ZONE.exec(value);
  if (!m) return null;
  const ms = (m[7] ?? "").padEnd(3, "0").slice(0, 3);
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${ms}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** If-Modified-Since is honoured to the second: drop milliseconds so a checkpoint never skips a row. */
export function ifModifiedSinceHeader(since: Date): string {
  return new Date(Math.floor(since.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** XPM request dates are `YYYYMMDD`. */
export function xpmRequestDate(day: Date): string {
  return day.toISOString().slice(0, 10).replace(/-/g, "");
}

/** XPM datetimes (`2008-10-29T00:00:00`, practice-local, no zone): the calendar day they name. */
export function xpmDateOnly(value: unknown): string | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+)?$/.exec(value.trim());
  return m ? m[1]! : null;
}
