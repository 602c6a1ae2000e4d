import { describe, expect, it } from "vitest";
import { checkGrounding, factsOf, figuresIn } from "@/server/assistant/grounding";
import { parsePeriods, shiftPeriod } from "@/server/assistant/periods";
import { isoDateIn } from "@/server/dashboards/date-range";

const range = (q: string, today: string) => {
  const p = parsePeriods(q, today);
  return { period: p.period && [p.period.from, p.period.to], compare: p.compare && [p.compare.from, p.compare.to] };
};

describe("periods", () => {
  it.each([
    ["last quarter", "2026-02-10", ["2025-10-01", "2025-12-31"]],
    ["this quarter", "2026-02-10", ["2026-01-01", "2026-02-10"]],
    ["last month", "2026-03-31", ["2026-02-01", "2026-02-28"]],
    ["last month", "2024-03-05", ["2024-02-01", "2024-02-29"]],
    ["in December", "2026-07-15", ["2025-12-01", "2025-12-31"]],
    ["in July", "2026-07-15", ["2026-07-01", "2026-07-15"]],
    ["Q3", "2026-02-10", ["2025-07-01", "2025-09-30"]],
    ["Q1 2026", "2026-02-10", ["2026-01-01", "2026-02-10"]],
    ["last 7 days", "2026-07-15", ["2026-07-09", "2026-07-15"]],
    ["last two weeks", "2026-07-15", ["2026-07-02", "2026-07-15"]],
    ["last 3 months", "2026-07-15", ["2026-05-01", "2026-07-15"]],
    ["year to date", "2026-07-15", ["2026-01-01", "2026-07-15"]],
    ["last week", "2026-07-13", ["2026-07-06", "2026-07-12"]],
    ["since March", "2026-07-15", ["2026-03-01", "2026-07-15"]],
  ] as const)("%s on %s", (q, today, expected) => {
    expect(range(q, today).period).toEqual(expected);
  });

  it("does not take 'may' the verb for a month, nor a future year or quarter for a period", () => {
    expect(range("what may revenue be", "2026-07-15").period).toBeNull();
    expect(range("revenue in 2031", "2026-07-15").period).toBeNull();
    expect(range("revenue in may", "2026-07-15").period).toEqual(["2026-05-01", "2026-05-31"]);
  });

  it("compares like for like: a period still running against the same dates a year before", () => {
    expect(range("this year vs last year", "2026-07-15")).toEqual({ period: ["2026-01-01", "2026-07-15"], compare: ["2025-01-01", "2025-07-15"] });
    expect(range("this month compared to last month", "2026-03-31")).toEqual({ period: ["2026-03-01", "2026-03-31"], compare: ["2026-02-01", "2026-02-28"] });
    expect(range("Q1 2024 vs Q1 2023", "2026-07-15")).toEqual({ period: ["2024-01-01", "2024-03-31"], compare: ["2023-01-01", "2023-03-31"] });
  });

  it("steps back month ends as month ends, and a leap day to the end of February", () => {
    const june = parsePeriods("last month", "2026-07-15").period!;
    expect(shiftPeriod(june, "month")).toMatchObject({ from: "2026-05-01", to: "2026-05-31", phrase: "May 2026" });
    const leap = parsePeriods("2024-02-01 to 2024-02-29", "2026-07-15").period!;
    expect(shiftPeriod(leap, "year")).toMatchObject({ from: "2023-02-01", to: "2023-02-28" });
    const days = parsePeriods("last 30 days", "2026-07-15").period!;
    expect(shiftPeriod(days, "custom")).toMatchObject({ from: "2026-05-17", to: "2026-06-15" });
  });

  it("names each period by a phrase that parses back to the same dates", () => {
    for (const q of ["last month", "Q2 2025", "2025", "last 90 days", "since March", "this quarter", "2026-01-05 to 2026-02-07"]) {
      const p = parsePeriods(q, "2026-07-15").period!;
      expect([q, range(p.phrase, "2026-07-15").period]).toEqual([q, [p.from, p.to]]);
    }
  });

  it("resolves 'today' in the organization's time zone", () => {
    const at = new Date("2026-06-30T13:00:00Z");
    expect(isoDateIn("Pacific/Auckland", at)).toBe("2026-07-01");
    expect(isoDateIn("UTC", at)).toBe("2026-06-30");
    expect(range("last month", isoDateIn("Pacific/Auckland", at)).period).toEqual(["2026-06-01", "2026-06-30"]);
    expect(range("last month", isoDateIn("UTC", at)).period).toEqual(["2026-05-01", "2026-05-31"]);
  });
});

describe("grounding", () => {
  const facts = factsOf({ totals: { value: 1234567.89, overdue: 4200 }, derived: { changePercent: -12.46 }, period: { label: "1 Jun – 30 Jun 2026" }, rows: [{ name: "Harbour Builders 2", value: 95.5 }] });

  it("reads figures as written", () => {
    expect(figuresIn("USD 1,234,567.89, up 12.5% or 1.2M, 3k and −4")).toEqual([
      { raw: "1,234,567.89", value: 1234567.89, decimals: 2, scale: 1 },
      { raw: "12.5%", value: 12.5, decimals: 1, scale: 1 },
      { raw: "1.2M", value: 1.2, decimals: 1, scale: 1e6 },
      { raw: "3k", value: 3, decimals: 0, scale: 1e3 },
      { raw: "−4", value: 4, decimals: 0, scale: 1 },
    ]);
  });

  it("accepts figures from the results, rounded or abbreviated, and dates of the period", () => {
    for (const text of [
      "Revenue was USD 1,234,567.89 over 1 Jun – 30 Jun 2026.",
      "About 1.23 million, down 12.5%.",
      "Roughly $1.2M; USD 4,200 is overdue.",
      "Harbour Builders 2 had 95.5 hours.",
      "It fell by 12%.",
    ]) expect([text, checkGrounding(text, facts)]).toEqual([text, { ok: true, invented: [] }]);
  });

  it("rejects a figure that is not in the results", () => {
    expect(checkGrounding("Revenue was USD 999,999.99.", facts)).toEqual({ ok: false, invented: ["999,999.99"] });
    expect(checkGrounding("Revenue grew 40% to USD 1,234,567.89.", facts)).toEqual({ ok: false, invented: ["40%"] });
    expect(checkGrounding("Overdue is USD 4,300.", facts).ok).toBe(false);
  });

  it("knows words without figures are grounded", () => {
    expect(checkGrounding("I cannot answer that with the metrics I have.", facts).ok).toBe(true);
  });
});
