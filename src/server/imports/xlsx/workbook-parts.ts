import path from "node:path/posix";
import { XMLParser } from "fast-xml-parser";
import { notAnXlsx, unreadable } from "./workbook-refused";
import { readZipDirectory, type ZipEntry } from "./zip-directory";
import { readEntryText } from "./zip-entries";

/**
 * The parts of a workbook we need, found the way Excel finds them (package relationships → workbook
 * → its relationships), so sheets stored under any path or in any order are found.
 */
export interface WorkbookSheet {
  name: string;
  index: number;
  entry: ZipEntry;
}

export interface WorkbookParts {
  buffer: Buffer;
  sheets: WorkbookSheet[];
  sharedStrings: ZipEntry | null;
  /** Dates count from 1904-01-01 (old Mac workbooks). */
  date1904: boolean;
}

// Entities stay unexpanded, attributes kept; a DTD was already refused by readEntryText.
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", removeNSPrefix: true, processEntities: false, parseAttributeValue: false });

const asArray = <T,>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

interface Relationship {
  Id: string;
  Type: string;
  Target: string;
  TargetMode?: string;
}

function relationships(buf: Buffer, entries: Map<string, ZipEntry>, relsPath: string): Relationship[] {
  const entry = entries.get(relsPath);
  if (!entry) return [];
  const xml = parser.parse(readEntryText(buf, entry)) as { Relationships?: { Relationship?: Relationship | Relationship[] } };
  return asArray(xml.Relationships?.Relationship);
}

/** A relationship target, relative to the part that owns the relationships, as a zip entry name. */
function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  return path.normalize(path.join(path.dirname(fromPart), target));
}

/**
 * The shared-string table is read whole (exceljs caches it to resolve cells), so its size is
 * memory: 64 MB of XML is several times what the largest import (IMPORT_MAX_ROWS rows of distinct
 * text) needs, and a bigger one is refused before anything is inflated.
 */
export const MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024;

/** A macro-enabled workbook (.xlsm, .xltm) or add-in: Office's own content types and the VBA part. */
const MACRO_CONTENT_TYPE = /macroEnabled|vbaProject/i;

export function readWorkbookParts(buf: Buffer): WorkbookParts {
  const entries = readZipDirectory(buf);
  const contentTypes = entries.get("[Content_Types].xml");
  if ([...entries.keys()].some((name) => /(^|\/)vbaProject\.bin$/i.test(name)) || (contentTypes && MACRO_CONTENT_TYPE.test(readEntryText(buf, contentTypes)))) {
    throw notAnXlsx("This is a macro-enabled workbook (.xlsm), and files with macros are not accepted");
  }
  const officeDoc = relationships(buf, entries, "_rels/.rels").find((r) => r.Type.endsWith("/officeDocument"));
  const workbookPath = officeDoc ? resolveTarget("", officeDoc.Target) : "xl/workbook.xml";
  const workbookEntry = entries.get(workbookPath);
  if (!workbookEntry || !/\.xml$/i.test(workbookPath)) {
    throw notAnXlsx(entries.has("word/document.xml") ? "This is a Word document, not an Excel workbook" : "This file is not an Excel workbook (.xlsx)");
  }
  let workbook: { workbook?: { workbookPr?: { date1904?: string }; sheets?: { sheet?: unknown } } };
  try {
    workbook = parser.parse(readEntryText(buf, workbookEntry)) as typeof workbook;
  } catch (error) {
    if (error instanceof Error && error.name === "WorkbookRefused") throw error;
    throw unreadable("The workbook's sheet list is damaged.");
  }
  const rels = relationships(buf, entries, path.join(path.dirname(workbookPath), "_rels", `${path.basename(workbookPath)}.rels`));
  const byId = new Map(rels.map((r) => [r.Id, r]));
  const sheets: WorkbookSheet[] = [];
  for (const raw of asArray(workbook.workbook?.sheets?.sheet as Record<string, string> | Record<string, string>[] | undefined)) {
    const rel = byId.get(raw.id ?? "");
    if (!rel || !rel.Type.endsWith("/worksheet") || rel.TargetMode === "External") continue;
    const entry = entries.get(resolveTarget(workbookPath, rel.Target));
    if (!entry) continue;
    sheets.push({ name: String(raw.name ?? `Sheet${sheets.length + 1}`), index: sheets.length, entry });
  }
  if (sheets.length === 0) throw unreadable("This workbook has no worksheets.");
  const ss = rels.find((r) => r.Type.endsWith("/sharedStrings"));
  const sharedStrings = ss ? (entries.get(resolveTarget(workbookPath, ss.Target)) ?? null) : null;
  if (sharedStrings && sharedStrings.uncompressedSize > MAX_SHARED_STRINGS_BYTES) {
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    throw unreadable(
      `The workbook's shared text table is ${mb(sharedStrings.uncompressedSize)}, over the ${mb(MAX_SHARED_STRINGS_BYTES)} an import reads; split the data into several files.`,
    );
  }
  const date1904 = workbook.workbook?.workbookPr?.date1904;
  return {
    buffer: buf,
    sheets,
    sharedStrings,
    date1904: date1904 === "1" || date1904 === "true",
  };
}
