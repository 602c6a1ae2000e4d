import { describe, expect, it } from "vitest";
import { barFill, formatPercent, fromCents, remaining, runningTotals, toCents, utilizationText } from "@/components/procurement/procurement-format";
import { formatter } from "@/lib/formatter";
import { spendChartPoints } from "@/components/procurement/spend-chart-points";
import { purchaseOrderSearchParams } from "@/components/procurement/procurement-queries";
import { csvCell, toCsv } from "@/lib/to-csv";

const nz = formatter({ locale: "en-NZ", timeZone: "Pacific/Auckland" });

describe("procurement formatting", () => {
  it("writes amounts (exact decimal strings) to the cent in the PO's currency", () => {
    expect(nz.money("12500.00", "NZD")).toBe("$12,500.00");
    expect(nz.money("-0.10", "NZD")).toBe("-$0.10");
    expect(formatter({ locale: "en-US", timeZone: undefined }).money("1234567.5", "USD")).toBe("$1,234,567.50");
    expect(formatter({ locale: "de-DE", timeZone: undefined }).money("99.99", "EUR")).toMatch(/^99,99\s€$/);
  });

  it("writes percentages without noise, in the organization's locale, and a dash for a PO with order value 0", () => {
    expect(formatPercent("75.00", nz)).toBe("75%");
    expect(formatPercent("74.99", nz)).toBe("74.99%");
    expect(formatPercent("131.40", nz)).toBe("131.4%");
    expect(formatPercent("74.99", formatter({ locale: "de-DE", timeZone: undefined }))).toBe("74,99\u00a0%");
    expect(formatPercent(null, nz)).toBe("—");
  });

  it("fills the bar up to 100, full past the budget or for spend against a zero value", () => {
    expect(barFill("37.5", "375.00")).toBe(37.5);
    expect(barFill("131.40", "1.00")).toBe(100);
    expect(barFill("-2.00", "-2.00")).toBe(0);
    expect(barFill(null, "10.00")).toBe(100);
    expect(barFill(null, "0.00")).toBe(0);
    expect(utilizationText("75.00", "750.00", "warning", nz)).toBe("75% used — Warning");
    expect(utilizationText(null, "10.00", "over_budget", nz)).toBe("spend against an order value of 0 — Over budget");
  });

  it("subtracts and adds money in whole cents, never through floats", () => {
    expect(toCents("0.1")).toBe(10n);
    expect(toCents("-250.05")).toBe(-25005n);
    expect(toCents("12")).toBe(1200n);
    expect(fromCents(-10n)).toBe("-0.10");
    expect(fromCents(123456789012345n)).toBe("1234567890123.45");
    expect(remaining("0.30", "0.10")).toBe("0.20");
    expect(remaining("1000.00", "1312.60")).toBe("-312.60");
    expect(runningTotals(["0.10", "0.20", "-0.05"])).toEqual(["0.10", "0.30", "0.25"]);
    expect(() => toCents("1e3")).toThrow(/Not a decimal/);
  });

  it("starts the spend chart at zero on the order date, only when the order predates the first valuation", () => {
    const series = [{ date: "2026-02-01", amount: "250.00", cumulative: "250.00" }, { date: "2026-03-01", amount: "500.00", cumulative: "750.00" }];
    expect(spendChartPoints(series, "2026-01-10")).toEqual([
      { date: "2026-01-10", cumulative: 0 }, { date: "2026-02-01", cumulative: 250 }, { date: "2026-03-01", cumulative: 750 },
    ]);
    expect(spendChartPoints(series, "2026-02-01")).toHaveLength(2);
    expect(spendChartPoints(series, null)).toHaveLength(2);
  });

  it("puts only the filters that are set in the list's query string", () => {
    expect(purchaseOrderSearchParams({ q: "  kauri ", status: "", sort: "value", dir: "asc", page: 2, pageSize: 25 }).toString()).toBe("q=kauri&sort=value&dir=asc&page=2&pageSize=25");
    expect(purchaseOrderSearchParams({ q: "", status: "open", sort: "utilization", dir: "desc" }).toString()).toBe("status=open&sort=utilization&dir=desc");
  });
});

describe("CSV cells", () => {
  it("neutralizes formulas, leaves numbers, quotes what needs quoting", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+44 20")).toBe("'+44 20");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-cmd")).toBe("'-cmd");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("-250.00")).toBe("-250.00");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
    expect(csvCell(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(toCsv(["h"], [["x\ny"]])).toBe('h\r\n"x\ny"');
  });
});
