/**
 * The downloadable templates and the example workbook: what is committed under public/templates is
 * exactly what `npm run templates` builds, each template's header row is the one the importer
 * expects, a second sheet explains every column, and Excel validates numbers, dates and statuses.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { IMPORT_TEMPLATES, IMPORT_TYPES } from "@/lib/import-views";
import { buildAllTemplates } from "../../scripts/generate-templates";

async function open(file: string) {
  const workbook = new ExcelJS.Workbook();
  const bytes = await readFile(file);
  // exceljs declares its own Buffer (an ArrayBuffer); it reads Node's Buffer as such.
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

describe("import templates", () => {
  it("are committed exactly as the script builds them (run npm run templates after a change)", async () => {
    for (const [file, built] of Object.entries(await buildAllTemplates())) {
      const committed = await readFile(file);
      expect(committed.equals(built), file).toBe(true);
    }
  });

  it.each(IMPORT_TYPES)("%s: header row exactly as the template lists it, and a sheet explaining each column", async (type) => {
    const template = IMPORT_TEMPLATES[type];
    const workbook = await open(`public/templates/${template.fileName}`);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([template.title, "How to fill in"]);
    const data = workbook.worksheets[0]!;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(template.fields.map((f) => f.header));
    expect(data.actualRowCount).toBe(1);
    const guide = workbook.worksheets[1]!;
    for (const [i, field] of template.fields.entries()) {
      expect((guide.getRow(i + 2).values as unknown[]).slice(1)).toEqual([field.header, field.required ? "Yes" : "No", field.description, field.example]);
    }
  });

  it("validates numbers, dates and the status list in Excel", async () => {
    const po = (await open("public/templates/purchase-orders.xlsx")).worksheets[0]!;
    expect(po.getCell("D2").dataValidation).toMatchObject({ type: "decimal", formulae: [0, 999999999999.99] });
    expect(po.getCell("D5000").dataValidation).toMatchObject({ type: "decimal" });
    expect(po.getCell("F2").dataValidation).toMatchObject({ type: "date" });
    expect(po.getCell("H2").dataValidation).toMatchObject({ type: "list", formulae: ['"open,closed,cancelled"'] });
    expect(po.getCell("E2").dataValidation).toMatchObject({ type: "textLength", formulae: [3] });
    expect(po.getCell("A2").dataValidation).toMatchObject({ type: "textLength" });
    expect(po.getCell("A2").dataValidation.allowBlank, "PO Number is required").toBeFalsy();
    expect(po.getCell("C2").dataValidation?.type, "Description is optional: no rule").toBeUndefined();
    const qs = (await open("public/templates/quantity-surveys.xlsx")).worksheets[0]!;
    // A QS amount may be negative (a credit).
    expect(qs.getCell("D2").dataValidation).toMatchObject({ type: "decimal", formulae: [-999999999999.99, 999999999999.99] });
    expect(qs.getCell("C2").dataValidation).toMatchObject({ type: "date" });
  });

  it("ships an example for Acme with header synonyms and four deliberate mistakes", async () => {
    const sheet = (await open("public/templates/examples/acme-purchase-orders.xlsx")).worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(["PO #", "Vendor", "Description", "Value (ex GST)", "Currency", "Date", "Job", "Status"]);
    const rows = Array.from({ length: sheet.actualRowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    const numbers = rows.map((r) => String(r.getCell(1).value));
    expect(numbers.filter((n) => n === "PO-25001")).toHaveLength(2);
    expect(rows.some((r) => r.getCell(2).value === null)).toBe(true);
    expect(rows.map((r) => r.getCell(4).value)).toContain("12,5OO.00");
    expect(rows.map((r) => r.getCell(6).value)).toContain("2026-02-31");
  });
});
