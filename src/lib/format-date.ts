/**
 * Every date and time the app shows goes through here, in one set of styles, so the server-rendered
 * text and the browser's agree and one page never mixes them. The locale is the organization's
 * (Settings › Organization, src/lib/org-locale.ts; client components read it with useFormat());
 * without one, en-GB ("29 Nov 2026, 14:05").
 */
export const DEFAULT_LOCALE = "en-GB";

const STYLES = {
  /** 29 Nov 2026 */
  date: { dateStyle: "medium" },
  /** 29/11/2026 (en-GB), 11/29/2026 (en-US) */
  numericDate: { day: "2-digit", month: "2-digit", year: "numeric" },
  /** 29 Nov 2026, 14:05 */
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  /** 29 Nov 2026, 14:05:09 */
  dateTimeSeconds: { dateStyle: "medium", timeStyle: "medium" },
  /** 29 Nov 2026, 14:05:09 UTC */
  dateTimeZone: { dateStyle: "medium", timeStyle: "long" },
  /** 29 Nov, 14:05 */
  shortDateTime: { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" },
  /** Nov 26 */
  month: { month: "short", year: "2-digit" },
  /** Sunday, 29 November 2026 at 14:05 GMT+13 (ICU decides the joining words) */
  full: { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit", hour12: false, timeZoneName: "short" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateFormatStyle = keyof typeof STYLES;

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * `value` is an instant (a Date or an ISO timestamp), shown in `timeZone` (default: where it is
 * rendered), or a calendar day or month ("2026-11-29", "2026-11"), shown as that day whatever the
 * time zone.
 */
export function formatDate(value: Date | string, style: DateFormatStyle = "date", timeZone?: string, locale: string = DEFAULT_LOCALE): string {
  const calendar = typeof value === "string" && /^\d{4}-\d{2}(-\d{2})?$/.test(value);
  const instant = calendar ? new Date(`${value.length === 7 ? `${value}-01` : value}T00:00:00Z`) : new Date(value);
  const zone = calendar ? "UTC" : timeZone;
  const key = `${locale}|${style}|${zone ?? ""}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...STYLES[style], ...(zone ? { timeZone: zone } : {}) });
    formatters.set(key, formatter);
  }
  return formatter.format(instant);
}
