"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";

import { DEFAULT_FORMAT, formatter, type FormatSettings, type Formatter } from "@/lib/formatter";

const FormatContext = createContext<FormatSettings>(DEFAULT_FORMAT);

/** The organization's locale and time zone for every client component of its pages (set by the org layout). */
export function FormatProvider({ locale, timeZone, children }: FormatSettings & { children: ReactNode }) {
  const value = useMemo(() => ({ locale, timeZone }), [locale, timeZone]);
  return <FormatContext.Provider value={value}>{children}</FormatContext.Provider>;
}

/**
 * The one date, money and number formatters of client components, in the organization's locale and
 * time zone (outside an organization: DEFAULT_FORMAT). ESLint forbids formatting any other way in
 * src/components and src/app, so one page never mixes "02:06" and "3:05 pm".
 */
export function useFormat(): Formatter {
  const { locale, timeZone } = useContext(FormatContext);
  return useMemo(() => formatter({ locale, timeZone }), [locale, timeZone]);
}
