"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";

import { DEFAULT_LOCALE, formatDate, type DateFormatStyle } from "@/lib/format-date";
import { formatMoney } from "@/lib/format-money";

interface FormatSettings {
  locale: string;
  /** The organization's time zone: instants are shown there, whoever looks. */
  timeZone: string | undefined;
}

const FormatContext = createContext<FormatSettings>({ locale: DEFAULT_LOCALE, timeZone: undefined });

/** The organization's locale and time zone for every client component of its pages (set by the org layout). */
export function FormatProvider({ locale, timeZone, children }: FormatSettings & { children: ReactNode }) {
  const value = useMemo(() => ({ locale, timeZone }), [locale, timeZone]);
  return <FormatContext.Provider value={value}>{children}</FormatContext.Provider>;
}

/** The one date, money and number formatters, in the organization's locale and time zone. */
export function useFormat() {
  const { locale, timeZone } = useContext(FormatContext);
  return useMemo(
    () => ({
      locale,
      timeZone,
      date: (value: Date | string, style: DateFormatStyle = "date") => formatDate(value, style, timeZone, locale),
      money: (value: number | string, currency: string, options: { signed?: boolean; compact?: boolean } = {}) => formatMoney(Number(value), currency, { ...options, locale }),
      number: (value: number, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value),
    }),
    [locale, timeZone],
  );
}
