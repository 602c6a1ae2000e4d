import { describe, expect, it } from "vitest";
import { formatDate } from "@/lib/format-date";

describe("formatDate", () => {
  it("shows a calendar day as that day in every time zone", () => {
    for (const zone of [undefined, "Pacific/Auckland", "America/Los_Angeles"]) expect(formatDate("2026-03-01", "date", zone)).toBe("1 Mar 2026");
    expect(formatDate("2026-11", "month")).toBe("Nov 26");
  });

  it("shows an instant in the zone asked for, in one locale", () => {
    const at = "2026-11-29T23:30:00Z";
    expect(formatDate(at, "dateTime", "UTC")).toBe("29 Nov 2026, 23:30");
    expect(formatDate(new Date(at), "dateTime", "Pacific/Auckland")).toBe("30 Nov 2026, 12:30");
    expect(formatDate(at, "full", "Pacific/Auckland")).toMatch(/^Monday,? 30 November 2026,? (at )?12:30 (GMT\+13|NZDT)$/);
  });
});
