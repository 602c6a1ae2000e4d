/**
 * Workbooks for import tests, generated with exceljs (the real format), and hostile files built byte
 * by byte (zip bombs, lying zip directories, entity tricks, CFB containers).
 */
import { deflateRawSync } from "node:zlib";
import zlib from "node:zlib";
import ExcelJS from "exceljs";

export type CellInput = ExcelJS.CellValue;

export interface SheetInput {
  name: string;
  rows: CellInput[][];
}

export async function workbook(sheets: SheetInput[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const PO_HEADERS = ["PO Number", "Supplier", "Description", "Order Value", "Currency", "Order Date", "Job Number", "Status"];
export const QS_HEADERS = ["QS Number", "PO Number", "Valuation Date", "Amount", "Description"];

export interface PoRow {
  poNumber: CellInput;
  supplier?: CellInput;
  description?: CellInput;
  orderValue?: CellInput;
  currency?: CellInput;
  orderDate?: CellInput;
  jobNumber?: CellInput;
  status?: CellInput;
}

export function poWorkbook(rows: PoRow[], options: { headers?: string[]; sheet?: string } = {}): Promise<Buffer> {
  return workbook([
    {
      name: options.sheet ?? "Purchase Orders",
      rows: [
        options.headers ?? PO_HEADERS,
        ...rows.map((r) => [r.poNumber, r.supplier ?? null, r.description ?? null, r.orderValue ?? null, r.currency ?? null, r.orderDate ?? null, r.jobNumber ?? null, r.status ?? null]),
      ],
    },
  ]);
}

export interface QsRow {
  qsNumber: CellInput;
  poNumber: CellInput;
  valuationDate?: CellInput;
  amount?: CellInput;
  description?: CellInput;
}

export function qsWorkbook(rows: QsRow[]): Promise<Buffer> {
  return workbook([
    {
      name: "Quantity Surveys",
      rows: [QS_HEADERS, ...rows.map((r) => [r.qsNumber, r.poNumber, r.valuationDate ?? null, r.amount ?? null, r.description ?? null])],
    },
  ]);
}

/** `n` purchase orders PO-00001… with deterministic values. */
export function manyPurchaseOrders(n: number, start = 1, prefix = "PO-"): PoRow[] {
  return Array.from({ length: n }, (_, i) => {
    const k = start + i;
    return { poNumber: `${prefix}${String(k).padStart(6, "0")}`, supplier: `Supplier ${k % 97}`, description: `Order ${k}`, orderValue: 1000 + (k % 500) * 10.25, orderDate: new Date(Date.UTC(2026, k % 12, 1 + (k % 28))) };
  });
}

// ---- Raw zips --------------------------------------------------------------------------------------

export interface RawEntry {
  name: string;
  data: Buffer | string;
  /** Deflate (default) or store. */
  method?: "deflate" | "store";
  /** Claim this uncompressed size in the directories instead of the real one. */
  declaredSize?: number;
}

/** A zip written by hand, so its directory can say anything. */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, "utf8");
    const method = e.method === "store" ? 0 : 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const crc = zlib.crc32(data);
    const size = e.declaredSize ?? data.length;
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

/** A minimal workbook with one sheet whose XML is given (inline strings, no shared strings). */
export function rawWorkbook(sheetXml: string | Buffer, options: { sheetDeclaredSize?: number; order?: "normal" | "sheet-first" } = {}): Buffer {
  const sheet: RawEntry = { name: "xl/worksheets/sheet1.xml", data: sheetXml, declaredSize: options.sheetDeclaredSize };
  const rest: RawEntry[] = [
    { name: "[Content_Types].xml", data: CONTENT_TYPES },
    { name: "_rels/.rels", data: ROOT_RELS },
    { name: "xl/_rels/workbook.xml.rels", data: WORKBOOK_RELS },
    { name: "xl/workbook.xml", data: WORKBOOK },
  ];
  return rawZip(options.order === "sheet-first" ? [sheet, ...rest.reverse()] : [...rest, sheet]);
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Sheet XML with inline strings; a number cell is written as a number; `{ f, v?, t? }` a formula. */
export function sheetXml(rows: (string | number | null | { f: string; v?: string; t?: string })[][], prolog = ""): string {
  const col = (i: number) => String.fromCharCode(65 + i);
  const body = rows
    .map((cells, r) => {
      const cs = cells
        .map((c, i) => {
          const ref = `${col(i)}${r + 1}`;
          if (c === null) return "";
          if (typeof c === "number") return `<c r="${ref}"><v>${c}</v></c>`;
          if (typeof c === "object") return `<c r="${ref}"${c.t ? ` t="${c.t}"` : ""}><f>${esc(c.f)}</f>${c.v !== undefined ? `<v>${esc(c.v)}</v>` : ""}</c>`;
          return `<c r="${ref}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`;
        })
        .join("");
      return `<row r="${r + 1}">${cs}</row>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>${prolog}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/** The start of an OLE/CFB container: what a password-protected workbook (or a legacy .xls) is. */
export function cfbFile(): Buffer {
  const b = Buffer.alloc(4096, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
  b.write("EncryptedPackage", 1024, "utf16le");
  return b;
}

/** Builds the multipart form of an upload. */
export function uploadForm(bytes: Buffer, type: string, fileName = "upload.xlsx"): FormData {
  const form = new FormData();
  form.set("type", type);
  form.set("file", new File([new Uint8Array(bytes)], fileName, { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  return form;
}
