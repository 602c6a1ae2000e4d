/**
 * The staff hours of a range are read from year, month and day rows added and subtracted: every day
 * of the range must count exactly once and every other day not at all, in few pieces.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { staffHoursPieces } from "@/server/dashboards/staff-hours-pieces";

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const NOW = new Date("2026-11-30T12:00:00Z");

/** Net count per day of the pieces (a year row covers its year, a month row its month). */
function coverage(from: string, to: string, now: Date) {
  const net = new Map<string, number>();
  for (const p of staffHoursPieces(from, to, now)) {
    for (let t = Date.parse(p.from); t <= Date.parse(p.to); t += DAY) {
      const start = iso(t);
      if (p.grain === "day") net.set(start, (net.get(start) ?? 0) + p.sign);
      if (p.grain === "month" && start.endsWith("-01")) {
        const end = Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)), 0);
        for (let d = t; d <= end; d += DAY) net.set(iso(d), (net.get(iso(d)) ?? 0) + p.sign);
      }
      if (p.grain === "year" && start.endsWith("-01-01")) {
        const end = Date.UTC(Number(start.slice(0, 4)), 11, 31);
        for (let d = t; d <= end; d += DAY) net.set(iso(d), (net.get(iso(d)) ?? 0) + p.sign);
      }
    }
  }
  return net;
}

describe("staffHoursPieces", () => {
  it("reads the last twelve months as a month and a year, and a year to date as one year row", () => {
    expect(staffHoursPieces("2025-12-01", "2026-11-30", NOW)).toEqual([
      { grain: "month", from: "2025-12-01", to: "2025-12-01", sign: 1 },
      { grain: "year", from: "2026-01-01", to: "2026-01-01", sign: 1 },
      { grain: "month", from: "2026-12-01", to: "2026-12-01", sign: -1 },
    ]);
    expect(staffHoursPieces("2026-01-01", "2026-11-30", NOW).filter((p) => p.sign > 0)).toEqual([{ grain: "year", from: "2026-01-01", to: "2026-01-01", sign: 1 }]);
    expect(staffHoursPieces("2026-03-15", "2026-03-20", NOW)).toEqual([
      { grain: "month", from: "2026-03-01", to: "2026-03-01", sign: 1 },
      { grain: "day", from: "2026-03-01", to: "2026-03-14", sign: -1 },
      { grain: "day", from: "2026-03-21", to: "2026-03-31", sign: -1 },
    ]);
  });

  it("counts every day of any range once and no other day, in at most a few pieces", () => {
    const date = fc.integer({ min: Date.UTC(2023, 0, 1) / DAY, max: Date.UTC(2027, 11, 31) / DAY }).map((d) => iso(d * DAY));
    fc.assert(
      fc.property(date, date, date, (a, b, now) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const net = coverage(from, to, new Date(`${now}T12:00:00Z`));
        for (const [day, n] of net) expect(n, day).toBe(day >= from && day <= to ? 1 : 0);
        for (let t = Date.parse(from); t <= Date.parse(to); t += DAY) expect(net.get(iso(t)), iso(t)).toBe(1);
        expect(staffHoursPieces(from, to, new Date(`${now}T12:00:00Z`)).length).toBeLessThanOrEqual(5 * 3 + 2);
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});
