import { DEFAULT_LOCALE, formatDate, type DateFormatStyle } from "@/lib/format-date";
import { formatMoney } from "@/lib/format-money";

export interface FormatSettings {
  locale: string;
  /** The organization's time zone: instants are shown there, whoever looks. Undefined: where it is rendered. */
  timeZone: string | undefined;
}

/**
 * Outside an organization (the organization picker, sign-in pages) there is no organization's locale
 * or zone to follow: en-GB, in the viewer's own time zone (those pages render their dates in the browser).
 */
export const DEFAULT_FORMAT: FormatSettings = { locale: DEFAULT_LOCALE, timeZone: undefined };

export interface Formatter extends FormatSettings {
  /** An instant in the time zone, or a calendar day/month as that day (src/lib/format-date.ts). */
  date: (value: Date | string, style?: DateFormatStyle) => string;
  /** Money to the cent (src/lib/format-money.ts). */
  money: (value: number | string, currency: string, options?: { signed?: boolean; compact?: boolean }) => string;
  /** A count or measure, at most `digits` decimals: "12,345" (en-GB), "12.345" (de-DE). */
  number: (value: number, digits?: number) => string;
  /** A share: 0.125 → "12.5%"; `signed` puts a + on a rise, for changes. */
  percent: (fraction: number, options?: { digits?: number; signed?: boolean }) => string;
}

/**
 * The one set of date, money and number formatters of a page, in the organization's locale and time
 * zone. Client components get it from useFormat() (src/components/format-provider.tsx, set by the
 * org layout); server components build it from the organization they loaded.
 */
export function formatter({ locale, timeZone }: FormatSettings): Formatter {
  return {
    locale,
    timeZone,
    date: (value, style = "date") => formatDate(value, style, timeZone, locale),
    money: (value, currency, options = {}) => formatMoney(Number(value), currency, { ...options, locale }),
    number: (value, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value),
    percent: (fraction, { digits = 1, signed = false } = {}) =>
      new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: digits, signDisplay: signed ? "exceptZero" : "auto" }).format(fraction),
  };
}
