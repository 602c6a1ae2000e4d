import { randomBytes } from "node:crypto";

/**
 * Malformed and malicious workbooks, generated (nothing binary is checked in): the corpus of
 * tests/integration/hostile-files.test.ts. Each builds its bytes when asked, so only one is in
 * memory at a time.
 */
import { PO_HEADERS, poWorkbook, rawZip, rawWorkbook, sheetXml, type RawEntry } from "./workbooks";

export interface HostileFile {
  name: string;
  fileName?: string;
  /** The file part's declared type (browsers send whatever the OS says). */
  fileType?: string;
  bytes: () => Buffer | Promise<Buffer>;
  /** The refusal: status, and words the reason must contain. */
  status: 413 | 415 | 422;
  reason: RegExp;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const CONTENT_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`;
const ROOT_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = (sheets = '<sheet name="Sheet1" sheetId="1" r:id="rId1"/>') =>
  `${XML}<workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets}</sheets></workbook>`;
const REL = (id: string, type: string, target: string) =>
  `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
const WORKBOOK_RELS = (rels = REL("rId1", "worksheet", "worksheets/sheet1.xml")) =>
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`;

/** A workbook whose parts are given: the sheet (and shared strings) XML, and anything else. */
function packageOf(parts: { sheet: string | Buffer; sharedStrings?: string | Buffer; workbook?: string; extra?: RawEntry[]; contentTypes?: string }): Buffer {
  const rels = REL("rId1", "worksheet", "worksheets/sheet1.xml") + (parts.sharedStrings ? REL("rId2", "sharedStrings", "sharedStrings.xml") : "");
  return rawZip([
    { name: "[Content_Types].xml", data: parts.contentTypes ?? CONTENT_TYPES },
    { name: "_rels/.rels", data: ROOT_RELS },
    { name: "xl/workbook.xml", data: parts.workbook ?? WORKBOOK() },
    { name: "xl/_rels/workbook.xml.rels", data: WORKBOOK_RELS(rels) },
    ...(parts.sharedStrings ? [{ name: "xl/sharedStrings.xml", data: parts.sharedStrings }] : []),
    { name: "xl/worksheets/sheet1.xml", data: parts.sheet },
    ...(parts.extra ?? []),
  ]);
}

const headerRow = `<row r="1">${PO_HEADERS.map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row>`;
const sheetWith = (rows: string) => `${XML}<worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;

const LAUGHS =
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
  Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i + 1};`.repeat(10)}">`).join("") +
  "]>";

/** A sheet of `rows` empty row elements (Excel writes these for formatted but empty rows). */
function emptyRows(rows: number, startAt = 1): Buffer {
  const chunks: Buffer[] = [Buffer.from(`${XML}<worksheet ${NS}><sheetData>`)];
  const batch = 10_000;
  for (let r = startAt; r < startAt + rows; r += batch) {
    let s = "";
    for (let k = r; k < Math.min(r + batch, startAt + rows); k++) s += `<row r="${k}"/>`;
    chunks.push(Buffer.from(s));
  }
  chunks.push(Buffer.from("</sheetData></worksheet>"));
  return Buffer.concat(chunks);
}

/** `count` shared strings of `length` characters each, compressible enough to upload (about 20:1). */
function sharedStrings(count: number, length: number): Buffer {
  const chunks: Buffer[] = [Buffer.from(`${XML}<sst ${NS} count="${count}" uniqueCount="${count}">`)];
  const filler = "abcdefghij".repeat(Math.ceil(length / 10)).slice(0, Math.max(0, length - 8));
  let s = "";
  for (let i = 0; i < count; i++) {
    s += `<si><t>${i.toString(36).padStart(8, "0")}${filler}</t></si>`;
    if (s.length > 1_000_000) {
      chunks.push(Buffer.from(s));
      s = "";
    }
  }
  chunks.push(Buffer.from(`${s}</sst>`));
  return Buffer.concat(chunks);
}

const truncate = async (fraction: number) => {
  const good = await poWorkbook([{ poNumber: "PO-1", supplier: "Acme", orderValue: 100 }]);
  return good.subarray(0, Math.floor(good.length * fraction));
};

export const HOSTILE_WORKBOOKS: HostileFile[] = [
  // ---- Not a workbook at all ----
  { name: "an empty file", bytes: () => Buffer.alloc(0), status: 422, reason: /empty/i },
  { name: "a CSV renamed .xlsx", bytes: () => Buffer.from(`${PO_HEADERS.join(",")}\nPO-1,Acme,x,100,NZD,2026-01-01,J1,open\n`), status: 415, reason: /not an Excel workbook/i },
  {
    name: "an HTML table renamed .xlsx (Excel's old 'HTML as xls' trick)",
    bytes: () => Buffer.from(`<html><body><table><tr>${PO_HEADERS.map((h) => `<td>${h}</td>`).join("")}</tr></table><script>alert(1)</script></body></html>`),
    status: 415,
    reason: /not an Excel workbook/i,
  },
  {
    name: "an XML Spreadsheet 2003 renamed .xlsx",
    bytes: () => Buffer.from(`${XML}<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="PO"><Table/></Worksheet></Workbook>`),
    status: 415,
    reason: /not an Excel workbook/i,
  },
  { name: "a PDF renamed .xlsx", bytes: () => Buffer.from("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), status: 415, reason: /not an Excel workbook/i },
  { name: "random bytes", bytes: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)), status: 415, reason: /not an Excel workbook/i },
  {
    name: "an OpenDocument spreadsheet (.ods) renamed .xlsx",
    bytes: () => rawZip([{ name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet", method: "store" }, { name: "content.xml", data: `${XML}<office:document-content/>` }]),
    status: 415,
    reason: /not an Excel workbook/i,
  },
  {
    name: "a binary workbook (.xlsb) renamed .xlsx",
    bytes: () =>
      rawZip([
        { name: "[Content_Types].xml", data: CONTENT_TYPES },
        { name: "_rels/.rels", data: ROOT_RELS.replace("xl/workbook.xml", "xl/workbook.bin") },
        { name: "xl/workbook.bin", data: Buffer.alloc(64, 1) },
      ]),
    status: 415,
    reason: /not an Excel workbook/i,
  },
  // ---- Truncated or damaged zips ----
  { name: "a workbook cut at half its length", bytes: () => truncate(0.5), status: 415, reason: /damaged|not an Excel workbook/i },
  { name: "a workbook cut just before its end", bytes: () => truncate(0.98), status: 415, reason: /damaged|not an Excel workbook/i },
  {
    name: "a workbook whose sheet's deflate stream is corrupted",
    bytes: async () => {
      const zip = packageOf({ sheet: sheetWith(headerRow + `<row r="2"><c r="A2" t="inlineStr"><is><t>PO-1</t></is></c></row>`.repeat(200)) });
      const at = zip.indexOf(Buffer.from("xl/worksheets/sheet1.xml")) + 30;
      for (let i = at; i < at + 40; i++) zip[i] = 0xff;
      return zip;
    },
    status: 422,
    reason: /damaged/i,
  },
  // ---- Zip bombs ----
  {
    name: "a zip bomb: a 64 MB sheet compressed over 500:1",
    bytes: () => packageOf({ sheet: Buffer.concat([Buffer.from(sheetWith(headerRow).replace("</sheetData></worksheet>", "")), Buffer.alloc(64 * 1024 * 1024, 0x20)]) }),
    status: 422,
    reason: /zip bomb/i,
  },
  {
    name: "a zip bomb whose directory lies: declares 1 KB, inflates to 64 MB",
    bytes: () => rawWorkbook(Buffer.concat([Buffer.from(sheetWith(headerRow).replace("</sheetData></worksheet>", "")), Buffer.alloc(64 * 1024 * 1024, 0x20)]), { sheetDeclaredSize: 1024 }),
    status: 422,
    reason: /zip bomb|damaged/i,
  },
  {
    name: "a zip of 1,999 sheets all pointing at one compressed part (overlapping entries)",
    bytes: () => {
      const sheets = Array.from({ length: 1999 }, (_, i) => `<sheet name="S${i}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
      const rels = Array.from({ length: 1999 }, (_, i) => REL(`rId${i + 1}`, "worksheet", "worksheets/sheet1.xml")).join("");
      return rawZip([
        { name: "[Content_Types].xml", data: CONTENT_TYPES },
        { name: "_rels/.rels", data: ROOT_RELS },
        { name: "xl/workbook.xml", data: WORKBOOK(sheets) },
        { name: "xl/_rels/workbook.xml.rels", data: WORKBOOK_RELS(rels) },
        { name: "xl/worksheets/sheet1.xml", data: emptyRows(200_000) },
      ]);
    },
    status: 422,
    reason: /empty/i,
  },
  {
    name: "a zip with more parts than any workbook (3,000)",
    bytes: () => rawZip(Array.from({ length: 3000 }, (_, i) => ({ name: `xl/media/image${i}.png`, data: "x", method: "store" as const }))),
    status: 422,
    reason: /parts/i,
  },
  // ---- XML entity tricks ----
  { name: "billion laughs in workbook.xml", bytes: () => packageOf({ sheet: sheetWith(headerRow), workbook: WORKBOOK().replace(XML, XML + LAUGHS) }), status: 422, reason: /entities/i },
  { name: "billion laughs in the sheet", bytes: () => packageOf({ sheet: sheetWith(headerRow + '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>').replace(XML, XML + LAUGHS) }), status: 422, reason: /entities/i },
  {
    name: "billion laughs in the shared strings",
    bytes: () => packageOf({ sheet: sheetWith(headerRow), sharedStrings: `${XML}${LAUGHS}<sst ${NS} count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>` }),
    status: 422,
    reason: /entities/i,
  },
  {
    name: "billion laughs hidden after 64 KB of comment in the sheet",
    bytes: () => packageOf({ sheet: sheetWith(headerRow + '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>').replace(XML, `${XML}<!--${" ".repeat(65_536)}-->${LAUGHS}`) }),
    status: 422,
    reason: /entities/i,
  },
  {
    name: "billion laughs hidden after 64 KB of comment in workbook.xml",
    bytes: () => packageOf({ sheet: sheetWith(headerRow), workbook: WORKBOOK().replace(XML, `${XML}<!--${" ".repeat(65_536)}-->${LAUGHS}`) }),
    status: 422,
    reason: /entities/i,
  },
  {
    name: "an external entity (XXE) reading /etc/passwd",
    bytes: () => packageOf({ sheet: sheetWith(headerRow + '<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row>').replace(XML, `${XML}<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`) }),
    status: 422,
    reason: /entities/i,
  },
  // ---- Sizes a spreadsheet never has ----
  {
    name: "a huge shared-string table (300,000 strings, 120 MB)",
    bytes: () => packageOf({ sheet: sheetWith(headerRow), sharedStrings: sharedStrings(300_000, 400) }),
    status: 422,
    reason: /shared/i,
  },
  {
    name: "a million empty rows and no data",
    bytes: () => packageOf({ sheet: emptyRows(1_000_000) }),
    status: 422,
    reason: /empty/i,
  },
  {
    name: "a header after a million empty rows",
    bytes: () => packageOf({ sheet: Buffer.concat([emptyRows(1_000_000).subarray(0, -24), Buffer.from(headerRow.replace(/r="1"/g, 'r="1000001"').replace(/([A-H])1"/g, '$11000001"')), Buffer.from("</sheetData></worksheet>")]) }),
    status: 422,
    reason: /empty \(nothing in its first 1,000 rows\)/i,
  },
  {
    name: "one 16 MB cell of random text in the header row",
    bytes: () => packageOf({ sheet: sheetWith(`<row r="1"><c r="A1" t="inlineStr"><is><t>${randomBytes(12 * 1024 * 1024).toString("base64")}</t></is></c></row>`) }),
    status: 422,
    reason: /required column/i,
  },
  {
    name: "one 64 MB cell (compresses like a zip bomb)",
    bytes: () => packageOf({ sheet: sheetWith(`<row r="1"><c r="A1" t="inlineStr"><is><t>${"A".repeat(64 * 1024 * 1024)}</t></is></c></row>`) }),
    status: 422,
    reason: /zip bomb/i,
  },
  // ---- Active content ----
  {
    name: "a macro-enabled workbook (.xlsm with vbaProject.bin)",
    fileName: "budget.xlsm",
    bytes: () =>
      packageOf({
        sheet: sheetXml([PO_HEADERS, ["PO-1", "Acme", "x", 100, "NZD", "2026-01-01", "J1", "open"]]),
        contentTypes: CONTENT_TYPES.replace("</Types>", '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
        extra: [{ name: "xl/vbaProject.bin", data: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array(504).fill(0)]) }],
      }),
    status: 415,
    reason: /macro/i,
  },
  {
    name: "a workbook declared as text/html by the browser, really HTML",
    fileType: "text/html",
    bytes: () => Buffer.from("<!doctype html><meta http-equiv=refresh content=0;url=http://evil.test>"),
    status: 415,
    reason: /not an Excel workbook/i,
  },
  // ---- Text a database cannot hold ----
  {
    name: "a NUL character in a sheet name",
    bytes: () => packageOf({ sheet: sheetXml([PO_HEADERS, ["PO-1", "Acme", "x", 100, "NZD", "2026-01-01", "J1", "open"]]), workbook: WORKBOOK('<sheet name="PO\u0000s" sheetId="1" r:id="rId1"/>') }),
    status: 422,
    reason: /damaged|not valid|character/i,
  },
  {
    name: "NUL characters in the header cells",
    bytes: () => packageOf({ sheet: sheetXml([PO_HEADERS.map((h) => `${h}\u0000`), ["PO-1", "Acme", "x", 100, "NZD", "2026-01-01", "J1", "open"]]) }),
    status: 422,
    reason: /damaged|not valid|character|column/i,
  },
];
