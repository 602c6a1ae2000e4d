import { Readable } from "node:stream";
import zlib from "node:zlib";
import ExcelJS from "exceljs";
import type { WorkbookParts, WorkbookSheet } from "./workbook-parts";
import { unreadable, WorkbookRefused } from "./workbook-refused";
import { entryStream } from "./zip-entries";

/**
 * Streams one worksheet's rows through exceljs's WorkbookReader. exceljs reads zip entries in file
 * order, so a sheet stored before the shared strings goes to a temp file and a workbook.xml stored
 * last breaks it ("reading 'sheets'", exceljs#3064). We therefore hand it a canonical package built
 * on the fly: a two-line workbook and relationships naming only the wanted sheet, then the shared
 * strings, then the sheet, each STORED with the size the original directory declared and inflated
 * by us under that cap (zip-entries.ts). Nothing else is inflated; nothing is held whole.
 */
export type RawCell =
  | { t: "empty" }
  | { t: "string"; v: string }
  | { t: "number"; v: number }
  | { t: "boolean"; v: boolean }
  | { t: "date"; v: Date }
  | { t: "error"; message: string };

export interface SheetRow {
  /** As Excel numbers it (1-based). */
  rowNumber: number;
  /** By 0-based column index; missing columns are empty. */
  cells: RawCell[];
}

const utf8 = (s: string) => Buffer.from(s, "utf8");
const xmlAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

function storedHeader(name: string, size: number, crc: number): Buffer {
  const n = utf8(name);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0, 6);
  h.writeUInt16LE(0, 8);
  h.writeUInt16LE(0, 10);
  h.writeUInt16LE(0x21, 12);
  h.writeUInt32LE(crc >>> 0, 14);
  h.writeUInt32LE(size, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(n.length, 26);
  h.writeUInt16LE(0, 28);
  return Buffer.concat([h, n]);
}

interface Refusal {
  refusal?: WorkbookRefused;
}

async function* canonicalPackage(parts: WorkbookParts, sheet: WorkbookSheet, seen: Refusal): AsyncGenerator<Buffer> {
  const rels = utf8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  );
  const workbook = utf8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlAttr(sheet.name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  for (const [name, data] of [["xl/_rels/workbook.xml.rels", rels], ["xl/workbook.xml", workbook]] as const) {
    yield storedHeader(name, data.length, zlib.crc32(data));
    yield data;
  }
  const streamed: [string, WorkbookSheet["entry"]][] = [];
  if (parts.sharedStrings) streamed.push(["xl/sharedStrings.xml", parts.sharedStrings]);
  streamed.push(["xl/worksheets/sheet1.xml", sheet.entry]);
  for (const [name, entry] of streamed) {
    yield storedHeader(name, entry.uncompressedSize, entry.crc32);
    let sent = 0;
    try {
      for await (const chunk of entryStream(parts.buffer, entry)) {
        sent += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    } catch (error) {
      seen.refusal = error instanceof WorkbookRefused ? error : unreadable("This workbook is damaged.");
      // A stream error would not reach exceljs through its pipe, and an entry cut short would leave
      // it waiting for the rest: the entry is completed with bytes no XML parser accepts, so the
      // package stays well-formed and exceljs stops at its first chunk (well before the padding ends).
      const pad = Buffer.alloc(64 * 1024, 0);
      for (let left = entry.uncompressedSize - sent; left > 0; left -= pad.length) yield left >= pad.length ? pad : pad.subarray(0, left);
      return;
    }
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  yield eocd;
}

const MAX_COLUMNS = 200;

function toRaw(value: unknown): RawCell {
  if (value === null || value === undefined || value === "") return { t: "empty" };
  if (typeof value === "string") return { t: "string", v: value };
  if (typeof value === "number") return Number.isFinite(value) ? { t: "number", v: value } : { t: "error", message: "The cell holds an error value" };
  if (typeof value === "boolean") return { t: "boolean", v: value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { t: "error", message: "The cell holds an invalid date" } : { t: "date", v: value };
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    if ("formula" in o || "sharedFormula" in o) {
      if (o.result === undefined || o.result === null) {
        return { t: "error", message: "The formula has no saved value; open the file in Excel, save it, and upload it again (or paste values)" };
      }
      const result = toRaw(o.result);
      if (result.t === "error" || (typeof o.result === "number" && Number.isNaN(o.result))) {
        return { t: "error", message: "The formula's result is an error (such as #DIV/0! or #REF!)" };
      }
      if (typeof o.result === "object" && o.result !== null && "error" in o.result) {
        return { t: "error", message: `The formula's result is an error (${String((o.result as { error: unknown }).error)})` };
      }
      return result;
    }
    if ("error" in o) return { t: "error", message: `The cell holds an error (${String(o.error)})` };
    if (Array.isArray(o.richText)) return toRaw((o.richText as { text?: unknown }[]).map((r) => String(r.text ?? "")).join(""));
    if ("text" in o) return toRaw(o.text);
    if ("sharedString" in o) return { t: "error", message: "The cell's text could not be read" };
  }
  return { t: "string", v: String(value) };
}

export interface ReadSheetOptions {
  /** Stop with a refusal once more than this many non-empty rows were read. */
  maxRows?: number;
  /** Stop quietly after this many non-empty rows (header detection). */
  stopAfter?: number;
  /** Stop quietly at the first row numbered past this (header detection looks near the top only). */
  lastRowNumber?: number;
}

/** Non-empty rows of one sheet, in order. */
export async function* readSheetRows(parts: WorkbookParts, sheet: WorkbookSheet, options: ReadSheetOptions = {}): AsyncGenerator<SheetRow> {
  const seen: Refusal = {};
  const input = Readable.from(canonicalPackage(parts, sheet, seen));
  input.on("error", () => undefined);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  let count = 0;
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        if (options.lastRowNumber !== undefined && row.number > options.lastRowNumber) return;
        const cells: RawCell[] = [];
        let empty = true;
        row.eachCell((cell, col) => {
          if (col > MAX_COLUMNS) return;
          // exceljs's `value` drops a formula's cached result when it is falsy (0, "") or NaN (an
          // error result); `result` keeps it, and undefined means Excel saved no value.
          const raw = toRaw(cell.type === ExcelJS.ValueType.Formula ? { formula: true, result: cell.result } : cell.value);
          cells[col - 1] = raw.t === "string" && raw.v.trim() === "" ? { t: "empty" } : raw;
          if (cells[col - 1]!.t !== "empty") empty = false;
        });
        if (seen.refusal) throw seen.refusal;
        if (empty) continue;
        for (let i = 0; i < cells.length; i++) cells[i] ??= { t: "empty" };
        count++;
        if (options.maxRows !== undefined && count > options.maxRows) {
          throw unreadable(`Sheet "${sheet.name}" has more than ${options.maxRows.toLocaleString("en")} rows, the most one import takes; split it into several files.`);
        }
        yield { rowNumber: row.number, cells };
        if (options.stopAfter !== undefined && count >= options.stopAfter) return;
      }
    }
    if (seen.refusal) throw seen.refusal;
  } catch (error) {
    if (error instanceof WorkbookRefused) throw error;
    if (seen.refusal) throw seen.refusal;
    throw unreadable(`Sheet "${sheet.name}" could not be read: the file is damaged or not a normal Excel workbook.`);
  } finally {
    if (seen.refusal && !input.destroyed) input.destroy();
    input.destroy();
  }
}
