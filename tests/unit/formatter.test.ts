import { describe, expect, it } from "vitest";

import { DEFAULT_FORMAT, formatter } from "@/lib/formatter";

const at = "2026-11-29T23:30:05Z";
const us = formatter({ locale: "en-US", timeZone: "America/New_York" });
const nz = formatter({ locale: "en-NZ", timeZone: "Pacific/Auckland" });
/** ICU puts a narrow no-break space before AM/PM; what a reader sees is a space. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");

describe("the organization's formatter", () => {
  it("writes an instant in the organization's locale and time zone, whoever renders it", () => {
    expect(plain(us.date(at, "dateTime"))).toBe("Nov 29, 2026, 6:30 PM");
    expect(plain(us.date(at, "dateTimeSeconds"))).toBe("Nov 29, 2026, 6:30:05 PM");
    expect(plain(nz.date(at, "dateTime"))).toMatch(/^30 Nov 2026, 12:30 pm$/);
    // The same instant, the same organization: the same words on every page (a Date or its ISO string).
    expect(us.date(new Date(at), "dateTime")).toBe(us.date(at, "dateTime"));
  });

  it("writes a calendar day as that day, in the locale's order", () => {
    expect(us.date("2026-11-30")).toBe("Nov 30, 2026");
    expect(us.date("2026-11-30", "numericDate")).toBe("11/30/2026");
    expect(nz.date("2026-11-30", "numericDate")).toBe("30/11/2026");
  });

  it("writes money, counts and shares in the locale", () => {
    expect(us.money("1234.5", "USD")).toBe("$1,234.50");
    expect(us.money(12.5, "USD", { signed: true })).toBe("+$12.50");
    const de = formatter({ locale: "de-DE", timeZone: "Europe/Berlin" });
    expect(de.number(12345)).toBe("12.345");
    expect(de.number(2.345, 1)).toBe("2,3");
    expect(us.percent(0.125)).toBe("12.5%");
    expect(us.percent(0.125, { signed: true })).toBe("+12.5%");
    expect(us.percent(-0.05, { signed: true, digits: 0 })).toBe("-5%");
  });

  it("outside an organization, writes en-GB", () => {
    expect(DEFAULT_FORMAT.locale).toBe("en-GB");
    expect(formatter({ ...DEFAULT_FORMAT, timeZone: "UTC" }).date(at, "dateTime")).toBe("29 Nov 2026, 23:30");
  });
});
