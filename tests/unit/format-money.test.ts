import { describe, expect, it } from "vitest";

import { formatMoney } from "@/lib/format-money";
import { formatDate } from "@/lib/format-date";
import { effectiveLocale, localeForTimezone } from "@/lib/org-locale";

describe("the one money formatter", () => {
  it("always writes two decimals", () => {
    expect(formatMoney(244.6, "NZD", { locale: "en-NZ" })).toBe("$244.60");
    expect(formatMoney(244.6, "NZD")).toBe("NZ$244.60");
    expect(formatMoney(1234, "USD", { locale: "en-US" })).toBe("$1,234.00");
  });

  it("signs amounts where a column means over or under", () => {
    expect(formatMoney(12.5, "USD", { locale: "en-US", signed: true })).toBe("+$12.50");
    expect(formatMoney(-12.5, "USD", { locale: "en-US", signed: true })).toBe("-$12.50");
    expect(formatMoney(0, "USD", { locale: "en-US", signed: true })).toBe("$0.00");
  });

  it("follows the locale's separators", () => {
    expect(formatMoney(1234.5, "EUR", { locale: "de-DE" })).toBe("1.234,50\u00a0€");
  });
});

describe("dates in the organization's locale", () => {
  it("writes a calendar day in the locale's order", () => {
    expect(formatDate("2026-11-30", "numericDate", undefined, "en-NZ")).toBe("30/11/2026");
    expect(formatDate("2026-11-30", "numericDate", undefined, "en-US")).toBe("11/30/2026");
  });

  it("defaults the locale from the time zone", () => {
    expect(localeForTimezone("Pacific/Auckland")).toBe("en-NZ");
    expect(localeForTimezone("Australia/Sydney")).toBe("en-AU");
    expect(effectiveLocale(null, "America/Chicago")).toBe("en-US");
    expect(effectiveLocale("de-DE", "America/Chicago")).toBe("de-DE");
  });
});
