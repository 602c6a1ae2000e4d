import { formatDate } from "@/lib/format-date";
import { formatMoney } from "@/lib/format-money";

/** Times and money as the alert pages show them, through the app's one formatters. */
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function formatAlertTime(iso: string, timeZone?: string, locale?: string): string {
  return formatDate(iso, "dateTime", timeZone, locale);
}

/** "5 minutes ago", "yesterday". */
export function formatAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size] of [["day", 86_400], ["hour", 3_600], ["minute", 60]] as const) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

export function formatAlertMoney(value: string, currency: string, locale?: string): string {
  return formatMoney(Number(value), currency, { locale });
}
