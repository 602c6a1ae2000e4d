import type { Formatter } from "@/lib/formatter";

/** Relative times, durations and shares as the Sync panel shows them (dates and counts: useFormat()). */
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

/** "3 minutes ago", "in 25 minutes", "yesterday": relative to `now` (the server's clock). */
export function formatRelative(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Math.abs(seconds) < 10) return "just now";
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "second") return relative.format(Math.trunc(seconds / size), unit);
  }
  return relative.format(seconds, "second");
}

/** "850 ms", "42 s", "3 min 5 s", "1 h 2 min". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${Math.floor(m / 60)} h`;
}

export function formatPercent(rate: number | null, format: Formatter): string {
  return rate === null ? "—" : format.percent(rate, { digits: 0 });
}

export const PROVIDER_LABELS = { xero: "Xero Accounting", xpm: "Xero Practice Manager" } as const;
