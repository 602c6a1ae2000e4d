/**
 * A by-contact sum reads whole months from the monthly rollup and only the other days from the
 * daily one: the split must cover every day of the range exactly once.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wholeMonths } from "@/server/assistant/metrics/whole-months";

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY) out.push(iso(t));
  return out;
};
const monthEnd = (first: string) => iso(Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)), 0));

describe("wholeMonths", () => {
  it("splits a range into whole months and the days around them", () => {
    expect(wholeMonths("2026-01-01", "2026-11-30")).toEqual({ months: { from: "2026-01-01", to: "2026-11-01" }, days: [] });
    expect(wholeMonths("2026-01-15", "2026-03-10")).toEqual({
      months: { from: "2026-02-01", to: "2026-02-01" },
      days: [{ from: "2026-01-15", to: "2026-01-31" }, { from: "2026-03-01", to: "2026-03-10" }],
    });
    expect(wholeMonths("2026-01-15", "2026-02-10")).toEqual({ months: null, days: [{ from: "2026-01-15", to: "2026-02-10" }] });
    expect(wholeMonths("2024-02-01", "2024-02-29")).toEqual({ months: { from: "2024-02-01", to: "2024-02-01" }, days: [] });
    expect(wholeMonths("2024-02-01", "2024-02-28")).toEqual({ months: null, days: [{ from: "2024-02-01", to: "2024-02-28" }] });
    expect(wholeMonths("2025-12-31", "2026-01-31")).toEqual({ months: { from: "2026-01-01", to: "2026-01-01" }, days: [{ from: "2025-12-31", to: "2025-12-31" }] });
    expect(wholeMonths("2026-03-02", "2026-03-01")).toEqual({ months: null, days: [] });
  });

  it("covers every day of any range exactly once", () => {
    const date = fc.integer({ min: Date.UTC(2023, 0, 1) / DAY, max: Date.UTC(2027, 11, 31) / DAY }).map((d) => iso(d * DAY));
    fc.assert(
      fc.property(date, date, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const split = wholeMonths(from, to);
        const covered = split.days.flatMap((d) => days(d.from, d.to));
        if (split.months) {
          for (let m = split.months.from; m <= split.months.to; m = iso(Date.parse(monthEnd(m)) + DAY)) covered.push(...days(m, monthEnd(m)));
        }
        expect(covered.sort()).toEqual(days(from, to));
        expect(split.days.length).toBeLessThanOrEqual(2);
      }),
      { numRuns: 300 },
    );
  });
});
