import { IMPORT_TEMPLATES, type ImportSheet, type ImportType } from "@/lib/import-views";
import { matchHeaders, requiredMatched, type HeaderCell, type HeaderMatch } from "./match-headers";
import { displayValue } from "./parse-cell";
import { readSheetRows } from "./xlsx/read-sheet";
import { readWorkbookParts, type WorkbookParts, type WorkbookSheet } from "./xlsx/workbook-parts";
import { unreadable, WorkbookRefused } from "./xlsx/workbook-refused";

/**
 * What the upload (and a change of sheet) needs at once, without reading the data: the sheets, and
 * in the chosen one the header row with its automatic mapping. The header is the row among the first
 * ten non-empty ones that matches the most required columns (a title row above it is skipped).
 */
export interface SheetHeader {
  sheet: WorkbookSheet;
  headerRow: number;
  headers: HeaderCell[];
  match: HeaderMatch;
}

export interface InspectedWorkbook {
  parts: WorkbookParts;
  sheets: ImportSheet[];
  header: SheetHeader;
}

const HEADER_SCAN_ROWS = 10;
/**
 * The header is looked for in the first rows only: a sheet of a million empty rows (or a header
 * below them) is refused in a moment instead of being read to its end, once per sheet.
 */
export const HEADER_SCAN_LAST_ROW = 1_000;
const SHEETS_SCANNED = 20;

async function detectHeader(parts: WorkbookParts, sheet: WorkbookSheet, type: ImportType, remembered: Record<string, string>): Promise<SheetHeader | null> {
  let best: (SheetHeader & { score: number }) | null = null;
  for await (const row of readSheetRows(parts, sheet, { stopAfter: HEADER_SCAN_ROWS, lastRowNumber: HEADER_SCAN_LAST_ROW })) {
    const headers = row.cells.flatMap((cell, index) => {
      const header = cell.t === "error" ? null : displayValue(cell)?.trim();
      return header ? [{ index, header: header.slice(0, 200) }] : [];
    });
    const match = matchHeaders(type, headers, remembered);
    const score = requiredMatched(type, match) * 100 + Object.values(match.mapping).filter((v) => v !== null).length;
    if (!best || score > best.score) best = { sheet, headerRow: row.rowNumber, headers, match, score };
  }
  return best;
}

const emptySheet = (name: string) => `Sheet "${name}" is empty (nothing in its first ${HEADER_SCAN_LAST_ROW.toLocaleString("en")} rows)`;

function requiredHeaders(type: ImportType): string[] {
  return IMPORT_TEMPLATES[type].fields.filter((f) => f.required).map((f) => f.header);
}

function missingColumns(type: ImportType, found: SheetHeader): WorkbookRefused {
  const required = requiredHeaders(type);
  const seen = found.headers.slice(0, 12).map((h) => `"${h.header}"`).join(", ");
  const message = `No column of sheet "${found.sheet.name}" matches a required column of the ${IMPORT_TEMPLATES[type].title.toLowerCase()} template (${required.join(", ")}). Its first row has ${seen || "no text"}. Check the file type, or start from the template.`;
  return new WorkbookRefused("VALIDATION_FAILED", message, { file: [message], missing: required });
}

export async function inspectWorkbook(
  buf: Buffer,
  type: ImportType,
  remembered: Record<string, string>,
  sheetName?: string,
): Promise<InspectedWorkbook> {
  const parts = readWorkbookParts(buf);
  const sheets = parts.sheets.map((s) => ({ name: s.name, index: s.index }));
  if (sheetName !== undefined) {
    const sheet = parts.sheets.find((s) => s.name === sheetName);
    if (!sheet) {
      throw new WorkbookRefused("VALIDATION_FAILED", `The workbook has no sheet named "${sheetName}"`, { sheet: [`Choose one of: ${sheets.map((s) => s.name).join(", ")}`] });
    }
    const header = await detectHeader(parts, sheet, type, remembered);
    if (!header) throw new WorkbookRefused("VALIDATION_FAILED", emptySheet(sheet.name), { sheet: [emptySheet(sheet.name)] });
    if (requiredMatched(type, header.match) === 0) throw missingColumns(type, header);
    return { parts, sheets, header };
  }
  // The first sheet that has every required column wins; else the one that has the most.
  let best: SheetHeader | null = null;
  const allRequired = requiredHeaders(type).length;
  for (const sheet of parts.sheets.slice(0, SHEETS_SCANNED)) {
    const header = await detectHeader(parts, sheet, type, remembered);
    if (!header) continue;
    if (!best || requiredMatched(type, header.match) > requiredMatched(type, best.match)) best = header;
    if (requiredMatched(type, header.match) === allRequired) break;
  }
  if (!best) throw unreadable(parts.sheets.length === 1 ? emptySheet(parts.sheets[0]!.name) : `Every sheet of this workbook is empty (nothing in its first ${HEADER_SCAN_LAST_ROW.toLocaleString("en")} rows)`);
  if (requiredMatched(type, best.match) === 0) throw missingColumns(type, best);
  return { parts, sheets, header: best };
}
