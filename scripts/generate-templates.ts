/**
 * npm run templates
 *
 * Writes the import templates users download from the wizard, and the example workbook a newcomer
 * can try as finance@acme.test, into public/templates/:
 *   purchase-orders.xlsx, quantity-surveys.xlsx          the header row exactly as import-views.ts
 *                                                         lists it, a sheet explaining each column,
 *                                                         and Excel data validation (numbers, dates,
 *                                                         the status list, 3-letter currencies)
 *   examples/acme-purchase-orders.xlsx                    a filled-in sheet with the usual header
 *                                                         synonyms and four deliberate mistakes
 *
 * The output is byte-for-byte reproducible (fixed document dates and a fixed clock while zipping),
 * and tests/unit/import-templates.test.ts checks that the committed files equal what this builds.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { IMPORT_TEMPLATES, type ImportField, type ImportTemplate, type ImportType } from "@/lib/import-views";

/** Every workbook carries this date, so regenerating changes nothing. */
const FIXED_TIME = Date.UTC(2026, 0, 1, 0, 0, 0);
/** Rows the validations cover: far more than a sheet is expected to hold, without bloating the file. */
const VALIDATED_ROWS = 5_000;

const HEADER_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F2937" } } as const;
const REQUIRED_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1D4ED8" } } as const;

function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "XeroPulse";
  workbook.lastModifiedBy = "XeroPulse";
  workbook.created = new Date(FIXED_TIME);
  workbook.modified = new Date(FIXED_TIME);
  return workbook;
}

type WithValidations = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

const WIDTHS: Record<ImportField["kind"], number> = { text: 28, decimal: 16, date: 15, currency: 11, po_status: 12 };

/** Data validation for one column, by the kind of value it holds. */
function validationFor(field: ImportField, type: ImportType, column: string): ExcelJS.DataValidation | null {
  const common = { allowBlank: !field.required, showErrorMessage: true, showInputMessage: true, promptTitle: field.header, errorStyle: "stop" };
  switch (field.kind) {
    case "decimal":
      return type === "quantity_surveys"
        ? { ...common, type: "decimal", operator: "between", formulae: [-999_999_999_999.99, 999_999_999_999.99], prompt: "A number; negative for a credit.", errorTitle: "Not a number", error: "Enter a number such as 4200.00, or a negative number for a credit." }
        : { ...common, type: "decimal", operator: "between", formulae: [0, 999_999_999_999.99], prompt: "A number, 0 or more, excluding tax.", errorTitle: "Not an order value", error: "Enter a number of 0 or more, such as 12500.00." };
    case "date":
      return { ...common, type: "date", operator: "between", formulae: [new Date(Date.UTC(1990, 0, 1)), new Date(Date.UTC(2099, 11, 31))], prompt: "A date, e.g. 31/01/2026.", errorTitle: "Not a date", error: "Enter a date between 1990 and 2099." };
    case "currency":
      return { ...common, type: "textLength", operator: "equal", formulae: [3], prompt: "Three letters, e.g. NZD. Empty: the organization's currency.", errorTitle: "Not a currency code", error: "Use a three-letter code such as NZD, AUD or USD." };
    case "po_status":
      return { ...common, type: "list", formulae: ['"open,closed,cancelled"'], prompt: "open, closed or cancelled. Empty: open.", errorTitle: "Not a status", error: "Choose open, closed or cancelled." };
    case "text":
      return field.required
        ? { ...common, type: "textLength", operator: "between", formulae: [1, column === "C" ? 2000 : 255], prompt: `Required. ${field.description}`, errorTitle: "Required", error: `${field.header} cannot be empty.` }
        : null;
  }
}

function styleHeader(row: ExcelJS.Row, fields: readonly ImportField[]) {
  row.height = 20;
  row.eachCell((cell, col) => {
    const field = fields[col - 1]!;
    cell.font = { bold: true, color: { argb: "FFFFFFFF" } };
    cell.fill = field.required ? REQUIRED_FILL : HEADER_FILL;
    cell.alignment = { vertical: "middle" };
    cell.note = field.required ? `Required. ${field.description}` : field.description;
  });
}

/** The data sheet: the header row exactly as the template says, validations below it. */
function addDataSheet(workbook: ExcelJS.Workbook, template: ImportTemplate) {
  const sheet = workbook.addWorksheet(template.title, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = template.fields.map((f) => ({ header: f.header, key: f.key, width: WIDTHS[f.kind] + (f.key === "description" ? 12 : 0) }));
  styleHeader(sheet.getRow(1), template.fields);
  template.fields.forEach((field, i) => {
    const column = sheet.getColumn(i + 1).letter;
    if (field.kind === "date") sheet.getColumn(i + 1).numFmt = "yyyy-mm-dd";
    if (field.kind === "decimal") sheet.getColumn(i + 1).numFmt = "#,##0.00";
    const validation = validationFor(field, template.type, column);
    // One rule per column range (exceljs supports it; its type declarations do not list it).
    if (validation) (sheet as WithValidations).dataValidations.add(`${column}2:${column}${VALIDATED_ROWS + 1}`, validation);
  });
  return sheet;
}

/** The second sheet: what each column holds, whether it is required, an example; then the rules. */
function addGuideSheet(workbook: ExcelJS.Workbook, template: ImportTemplate) {
  const guide = workbook.addWorksheet("How to fill in");
  guide.columns = [
    { header: "Column", key: "header", width: 18 },
    { header: "Required", key: "required", width: 10 },
    { header: "What it holds", key: "description", width: 80 },
    { header: "Example", key: "example", width: 22 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const field of template.fields) {
    guide.addRow({ header: field.header, required: field.required ? "Yes" : "No", description: field.description, example: field.example });
  }
  guide.getColumn(3).alignment = { wrapText: true, vertical: "top" };
  guide.addRow([]);
  const key = template.type === "purchase_orders" ? "PO Number" : "QS Number";
  const notes = [
    `One row per ${template.type === "purchase_orders" ? "purchase order" : "quantity survey"}, below the header row of the "${template.title}" sheet. Keep the header row as it is; columns may be in any order, and extra columns are ignored.`,
    `A row whose ${key} already exists in XeroPulse updates it; a new ${key} creates one. A file may not hold the same ${key} twice.`,
    "Numbers: 12500, 12,500.00, $12,500.00 and (250.00) for a negative amount all work. Formulas are read by their last calculated value.",
    "Dates: a date cell, or text written as 2026-01-31.",
    "Upload the file in XeroPulse under Imports. You will see every row checked before anything is saved: rows with mistakes are skipped (or fix the file and upload it again), and a finished import can be undone.",
  ];
  const title = guide.addRow(["Rules"]);
  title.font = { bold: true };
  for (const note of notes) {
    const row = guide.addRow([note]);
    guide.mergeCells(`A${row.number}:D${row.number}`);
    row.getCell(1).alignment = { wrapText: true, vertical: "top" };
    row.height = 32;
  }
}

export async function buildTemplate(type: ImportType): Promise<Buffer> {
  const template = IMPORT_TEMPLATES[type];
  const workbook = newWorkbook();
  addDataSheet(workbook, template);
  addGuideSheet(workbook, template);
  return writeReproducibly(workbook);
}

/**
 * Acme's sample: headers as people write them ("PO #", "Vendor", "Value (ex GST)", "Date", "Job"),
 * values in the shapes the importer accepts (number cells, "$12,750.00", a formula, date cells, ISO
 * text dates, an Excel date serial), one PO of the demo updated with a variation, and four mistakes:
 * a bad number, a missing supplier, a duplicate PO number and an impossible date.
 */
export async function buildAcmeExample(): Promise<Buffer> {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet("Purchase orders", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: "PO #", width: 12 },
    { header: "Vendor", width: 30 },
    { header: "Description", width: 36 },
    { header: "Value (ex GST)", width: 16 },
    { header: "Currency", width: 10 },
    { header: "Date", width: 13 },
    { header: "Job", width: 10 },
    { header: "Status", width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
  // Days since 1899-12-30: what a date cell holds when it lost its date format.
  const serial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
  const rows: ExcelJS.CellValue[][] = [
    ["PO-25001", "Kauri Interiors Ltd", "Level 4 partitioning and doors", 48_500, "NZD", date("2026-10-05"), null, "open"],
    ["PO-25002", "Southern Cross Electrical", "Level 4 lighting and power", "$12,750.00", "NZD", "2026-10-12", null, "open"],
    ["PO-25003", "Aotea HVAC Services", "Ceiling cassette units, level 4", 86_200, null, serial("2026-10-20"), null, "open"],
    ["PO-25004", null, "Acoustic panels, level 4 meeting rooms", 5_400, "NZD", date("2026-10-21"), null, "open"],
    ["PO-25005", "Tasman Flooring Co", "Carpet tiles, level 4", "12,5OO.00", "NZD", date("2026-10-22"), null, "open"],
    ["PO-25006", "Pacific Glazing", "Glass balustrade, atrium", 23_900, "NZD", "2026-02-31", null, "open"],
    ["PO-25001", "Harbour Joinery", "Level 4 kitchenette joinery", 15_000, "NZD", date("2026-10-23"), null, "open"],
    ["PO-24003", "Harbour Joinery", "Kitchenette joinery, levels 1–4 (variation 2 approved)", 455_000, "NZD", null, null, "open"],
    ["PO-25007", "Ridgeway Quantity Surveyors", "Cost advice, level 4 fit-out", 9_800, "NZD", date("2026-10-26"), null, "open"],
    ["PO-25008", "Tui Workplace Furniture", "Sit-stand desks (40 × $1,200)", { formula: "40*1200", result: 48_000 }, "NZD", date("2026-10-27"), null, "open"],
    ["PO-25009", "Orbit Security Systems", "Access control, level 4", 31_400, "USD", date("2026-10-28"), null, "open"],
    ["PO-25010", "Lumen Lighting Design", "Lighting design, level 4", 7_500, "NZD", "2026-10-29", null, "cancelled"],
  ];
  for (const values of rows) sheet.addRow(values);
  sheet.getColumn(4).numFmt = "#,##0.00";
  sheet.getColumn(6).numFmt = "yyyy-mm-dd";
  // The serial in row 4 keeps a plain number format, as it would after a copy-paste of values.
  sheet.getCell("F4").numFmt = "0";
  return writeReproducibly(workbook);
}

/**
 * exceljs zips through JSZip, which stamps every entry with the current time; with the clock fixed
 * for the duration, the same workbook always gives the same bytes.
 */
async function writeReproducibly(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const RealDate = globalThis.Date;
  class FixedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(FIXED_TIME);
      else super(...(args as [string | number | Date]));
    }
    static now() {
      return FIXED_TIME;
    }
  }
  globalThis.Date = FixedDate as DateConstructor;
  try {
    return Buffer.from(await workbook.xlsx.writeBuffer());
  } finally {
    globalThis.Date = RealDate;
  }
}

/** Relative to the repository root: file name → contents. */
export async function buildAllTemplates(): Promise<Record<string, Buffer>> {
  return {
    [`public/templates/${IMPORT_TEMPLATES.purchase_orders.fileName}`]: await buildTemplate("purchase_orders"),
    [`public/templates/${IMPORT_TEMPLATES.quantity_surveys.fileName}`]: await buildTemplate("quantity_surveys"),
    "public/templates/examples/acme-purchase-orders.xlsx": await buildAcmeExample(),
  };
}

async function main() {
  for (const [file, contents] of Object.entries(await buildAllTemplates())) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, contents);
    console.log(`${file}  ${contents.length.toLocaleString()} bytes`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
