import { describe, expect, it } from "vitest";
import { answerCsv, csvFileName } from "@/components/assistant/answer-csv";

describe("an answer's table as CSV", () => {
  it("keeps numbers as numbers and neutralizes cells a spreadsheet would run as formulas", () => {
    const csv = answerCsv({
      columns: [{ key: "name", label: "Contact", unit: "text" }, { key: "value", label: "Owed", unit: "money" }],
      rows: [
        ['=HYPERLINK("http://evil.example","click")', 1234.5],
        ["+61 Plumbing", -20],
        ["@Summit, \"Dental\"", null],
        ["Harbour Builders Ltd", 0],
      ],
    });
    expect(csv.split("\r\n")).toEqual([
      "Contact,Owed",
      `"'=HYPERLINK(""http://evil.example"",""click"")",1234.5`,
      "'+61 Plumbing,-20",
      `"'@Summit, ""Dental""",`,
      "Harbour Builders Ltd,0",
    ]);
  });

  it("names the file after the plan", () => {
    expect(csvFileName("Revenue by month, 1 Jul – 30 Sep 2026")).toBe("revenue-by-month-1-jul-30-sep-2026.csv");
    expect(csvFileName(null)).toBe("answer.csv");
  });
});
