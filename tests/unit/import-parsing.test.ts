import { describe, expect, it } from "vitest";
import { matchHeaders, normalizeHeader } from "@/server/imports/match-headers";
import { excelSerialToIsoDate, parseCurrency, parseDate, parseDecimal, parsePoStatus, parseText } from "@/server/imports/parse-cell";
import { validateRow } from "@/server/imports/validate-row";
import type { RawCell } from "@/server/imports/xlsx/read-sheet";

const s = (v: string): RawCell => ({ t: "string", v });
const n = (v: number): RawCell => ({ t: "number", v });

describe("parseDecimal", () => {
  it.each([
    ["1234.5", "1234.50"],
    ["1,234.50", "1234.50"],
    ["$1,234.50", "1234.50"],
    ["NZD 1,234.50", "1234.50"],
    ["US$1,234.50", "1234.50"],
    ["(1,234.50)", "-1234.50"],
    ["($1,234.50)", "-1234.50"],
    ["-1,234.50", "-1234.50"],
    ["-$1,234.50", "-1234.50"],
    ["$-1,234.50", "-1234.50"],
    ["1 234.50", "1234.50"],
    ["  42  ", "42.00"],
    ["0.1", "0.10"],
    ["1,234,567.890000", "1234567.89"],
    ["999999999999.99", "999999999999.99"],
    ["-0", "0.00"],
  ])("reads %j as %s", (text, expected) => {
    expect(parseDecimal(s(text), { allowNegative: true })).toEqual({ ok: true, value: expected });
  });

  it.each(["1.234,50", "1,23", "12,34.5", "abc", "1.2.3", "$", "1e5", "1234.567", "1000000000000", "--5", "(-5)", "-$-5", "(5"])("refuses %j", (text) => {
    expect(parseDecimal(s(text), { allowNegative: true }).ok).toBe(false);
  });

  it("reads numeric cells exactly, rounding formula float noise but refusing a real third decimal", () => {
    expect(parseDecimal(n(1234.5), { allowNegative: false })).toEqual({ ok: true, value: "1234.50" });
    expect(parseDecimal(n(0.1 + 0.2), { allowNegative: false })).toEqual({ ok: true, value: "0.30" });
    expect(parseDecimal(n(-250), { allowNegative: true })).toEqual({ ok: true, value: "-250.00" });
    expect(parseDecimal(n(1.005), { allowNegative: true }).ok).toBe(false);
    expect(parseDecimal(n(1e15), { allowNegative: true }).ok).toBe(false);
  });

  it("refuses negative order values but allows credits", () => {
    expect(parseDecimal(s("(10.00)"), { allowNegative: false })).toEqual({ ok: false, error: "Must not be negative" });
    expect(parseDecimal(s("(10.00)"), { allowNegative: true })).toEqual({ ok: true, value: "-10.00" });
  });

  it("passes empty cells as null and reports error cells", () => {
    expect(parseDecimal({ t: "empty" }, { allowNegative: true })).toEqual({ ok: true, value: null });
    expect(parseDecimal({ t: "error", message: "The formula's result is an error" }, { allowNegative: true })).toEqual({ ok: false, error: "The formula's result is an error" });
  });
});

describe("parseDate", () => {
  it("reads Excel serial numbers in the 1900 and 1904 systems", () => {
    expect(excelSerialToIsoDate(1)).toBe("1900-01-01");
    expect(excelSerialToIsoDate(59)).toBe("1900-02-28");
    expect(excelSerialToIsoDate(61)).toBe("1900-03-01");
    expect(excelSerialToIsoDate(46053)).toBe("2026-01-31");
    expect(excelSerialToIsoDate(46053.75)).toBe("2026-01-31");
    expect(excelSerialToIsoDate(0, true)).toBeNull();
    expect(excelSerialToIsoDate(44591, true)).toBe("2026-01-31");
    expect(excelSerialToIsoDate(60)).toBeNull();
    expect(excelSerialToIsoDate(3_000_000)).toBeNull();
  });

  it.each([
    [n(46053), "2026-01-31"],
    [{ t: "date", v: new Date(Date.UTC(2026, 0, 31)) } as RawCell, "2026-01-31"],
    [s("2026-01-31"), "2026-01-31"],
    [s("2026/1/5"), "2026-01-05"],
    [s("2026-01-31T00:00:00Z"), "2026-01-31"],
    [s("2026-01-31 13:45"), "2026-01-31"],
  ])("reads %j as %s", (cell, expected) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: expected });
  });

  it.each(["31/01/2026", "01/31/2026", "2026-02-30", "2026-13-01", "yesterday", "1850-01-01"])("refuses %j (not ISO, or not a real date)", (text) => {
    expect(parseDate(s(text)).ok).toBe(false);
  });

  it("refuses a boolean and a negative serial", () => {
    expect(parseDate({ t: "boolean", v: true }).ok).toBe(false);
    expect(parseDate(n(-3)).ok).toBe(false);
  });
});

describe("text, currency and status cells", () => {
  it("trims text, keeps numbers typed as numbers, and limits length", () => {
    expect(parseText(s("  PO-1  "), 100)).toEqual({ ok: true, value: "PO-1" });
    expect(parseText(n(1001), 100)).toEqual({ ok: true, value: "1001" });
    expect(parseText(s("x".repeat(101)), 100).ok).toBe(false);
    expect(parseText(s("=HYPERLINK(\"x\")"), 100)).toEqual({ ok: true, value: "=HYPERLINK(\"x\")" });
  });

  it("reads currency codes and statuses case-insensitively", () => {
    expect(parseCurrency(s("nzd"))).toEqual({ ok: true, value: "NZD" });
    expect(parseCurrency(s("dollars")).ok).toBe(false);
    expect(parsePoStatus(s("Canceled"))).toEqual({ ok: true, value: "cancelled" });
    expect(parsePoStatus(s("Closed"))).toEqual({ ok: true, value: "closed" });
    expect(parsePoStatus(s("pending")).ok).toBe(false);
  });
});

describe("header matching", () => {
  it("ignores case, spaces and punctuation", () => {
    expect(normalizeHeader("PO #")).toBe("ponumber");
    expect(normalizeHeader("po_number")).toBe("ponumber");
    expect(normalizeHeader("P.O. No.")).toBe("ponumber");
    expect(normalizeHeader("Amount (ex GST)")).toBe("amount");
    expect(normalizeHeader("Order Value excl. VAT")).toBe("ordervalue");
    expect(normalizeHeader("  ORDER-VALUE ($) ")).toBe("ordervalue");
  });

  it("maps the template headers exactly", () => {
    const headers = ["PO Number", "Supplier", "Description", "Order Value", "Currency", "Order Date", "Job Number", "Status"].map((header, index) => ({ index, header }));
    const { mapping, sources } = matchHeaders("purchase_orders", headers);
    expect(mapping).toEqual({ poNumber: 0, supplier: 1, description: 2, orderValue: 3, currency: 4, orderDate: 5, jobNumber: 6, status: 7 });
    expect(new Set(Object.values(sources))).toEqual(new Set(["exact"]));
  });

  it("knows common synonyms", () => {
    const headers = ["PO #", "Vendor", "Value", "Date", "Notes"].map((header, index) => ({ index, header }));
    const { mapping, sources } = matchHeaders("purchase_orders", headers);
    expect(mapping).toMatchObject({ poNumber: 0, supplier: 1, orderValue: 2, orderDate: 3, description: null });
    expect(sources).toMatchObject({ poNumber: "exact", supplier: "synonym", orderValue: "synonym", orderDate: "synonym" });
    const qs = matchHeaders("quantity_surveys", ["QS No", "Purchase Order", "Date", "Amount (ex GST)"].map((header, index) => ({ index, header })));
    expect(qs.mapping).toMatchObject({ qsNumber: 0, poNumber: 1, valuationDate: 2, amount: 3 });
  });

  it("prefers an exact header over a synonym, maps each column once, and catches typos", () => {
    const headers = ["Value", "Order Value", "Suplier", "PO Number"].map((header, index) => ({ index, header }));
    const { mapping, sources } = matchHeaders("purchase_orders", headers);
    expect(mapping).toMatchObject({ orderValue: 1, supplier: 2, poNumber: 3 });
    expect(sources.supplier).toBe("fuzzy");
  });

  it("uses the mapping the organization confirmed last time", () => {
    const headers = ["Ref", "Who", "Total"].map((header, index) => ({ index, header }));
    const { mapping, sources } = matchHeaders("purchase_orders", headers, { poNumber: "REF", supplier: "who" });
    expect(mapping).toMatchObject({ poNumber: 0, supplier: 1, orderValue: 2 });
    expect(sources).toMatchObject({ poNumber: "remembered", supplier: "remembered", orderValue: "synonym" });
  });
});

describe("validateRow", () => {
  const ctx = { type: "purchase_orders" as const, mapping: { poNumber: 0, supplier: 1, orderValue: 2, currency: 3, status: 4, description: null, orderDate: null, jobNumber: null }, date1904: false, orgCurrency: "NZD" };

  it("normalizes a valid row and fills the organization's currency", () => {
    expect(validateRow(2, [s("PO-1"), s("Acme"), s("$1,000"), { t: "empty" }, { t: "empty" }], ctx)).toEqual({
      rowNumber: 2, key: "PO-1", values: { poNumber: "PO-1", supplier: "Acme", orderValue: "1000.00", currency: "NZD" }, errors: {},
    });
  });

  it("marks each invalid cell with its message and keeps what the cell showed", () => {
    const row = validateRow(3, [s("PO-2"), { t: "empty" }, s("12,34"), s("dollars")], ctx)!;
    expect(row.errors).toEqual({ supplier: "Supplier is required", orderValue: expect.stringContaining("not a number"), currency: expect.stringContaining("not a currency") });
    expect(row.values).toMatchObject({ orderValue: "12,34", currency: "dollars" });
  });

  it("skips rows whose mapped cells are empty", () => {
    expect(validateRow(4, [{ t: "empty" }, { t: "empty" }], ctx)).toBeNull();
  });
});
