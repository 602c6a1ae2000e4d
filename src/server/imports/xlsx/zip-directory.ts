import { notAnXlsx, unreadable } from "./workbook-refused";

/**
 * Reads a workbook's zip central directory without inflating anything, and refuses what we will
 * not open: not a zip, an OLE/CFB container (password-protected workbooks and legacy .xls), ZIP64,
 * encryption, odd compression, and entries whose declared sizes or ratios are a zip bomb's. The
 * declared sizes are then enforced while inflating (canonical-stream.ts), so a directory that lies
 * gains nothing.
 */
export interface ZipEntry {
  name: string;
  method: 0 | 8;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipLimits {
  maxEntries: number;
  /** Any single entry, inflated. */
  maxEntryBytes: number;
  /** All entries together, inflated. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed, for entries above 1 MB inflated. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2_000,
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 500,
};

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

export function readZipDirectory(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Map<string, ZipEntry> {
  if (buf.length >= 8 && CFB_SIGNATURE.every((b, i) => buf[i] === b)) {
    throw unreadable(
      "This workbook is password-protected (or an old .xls file). Remove the password in Excel (File › Info › Protect Workbook) or save it as .xlsx, then upload it again.",
    );
  }
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL) throw notAnXlsx();

  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notAnXlsx("This file is damaged or not an Excel workbook (no zip directory)");
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw unreadable("This workbook uses ZIP64, which Excel does not write for files this size; save it again from Excel.");
  }
  if (disk !== 0 || cdDisk !== 0) throw notAnXlsx("This file is one part of a split archive");
  if (count > limits.maxEntries) throw unreadable(`This workbook has ${count} parts; more than ${limits.maxEntries} is not a normal Excel file.`);
  if (cdOffset + cdSize > eocd) throw notAnXlsx("This file is damaged or not an Excel workbook (bad zip directory)");

  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL) throw notAnXlsx("This file is damaged or not an Excel workbook (bad zip entry)");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc32 = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLength).toString("utf8");
    p += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x1) throw unreadable("This workbook is encrypted. Remove the password in Excel and upload it again.");
    if (method !== 0 && method !== 8) throw unreadable(`This workbook uses a compression method (${method}) Excel does not write.`);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw unreadable("This workbook uses ZIP64, which Excel does not write for files this size; save it again from Excel.");
    }
    if (localHeaderOffset + 30 + compressedSize > buf.length) throw notAnXlsx("This file is damaged or not an Excel workbook (truncated)");
    if (uncompressedSize > limits.maxEntryBytes) {
      throw unreadable(`Part "${name}" would inflate to ${mb(uncompressedSize)}, over the ${mb(limits.maxEntryBytes)} limit; this looks like a zip bomb, not a spreadsheet.`);
    }
    if (uncompressedSize > 1024 * 1024 && uncompressedSize / Math.max(1, compressedSize) > limits.maxRatio) {
      throw unreadable(`Part "${name}" compresses ${Math.round(uncompressedSize / Math.max(1, compressedSize))}:1; this looks like a zip bomb, not a spreadsheet.`);
    }
    total += uncompressedSize;
    if (total > limits.maxTotalBytes) {
      throw unreadable(`This workbook would inflate to more than ${mb(limits.maxTotalBytes)}; this looks like a zip bomb, not a spreadsheet.`);
    }
    entries.set(name.replace(/^\/+/, ""), { name, method, crc32, compressedSize, uncompressedSize, localHeaderOffset });
  }
  return entries;
}

/** Where an entry's compressed bytes start (after its local header, whose lengths may differ from the central one's). */
export function entryDataOffset(buf: Buffer, entry: ZipEntry): number {
  const at = entry.localHeaderOffset;
  if (buf.readUInt32LE(at) !== LOCAL) throw notAnXlsx("This file is damaged or not an Excel workbook (bad local header)");
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (start + entry.compressedSize > buf.length) throw notAnXlsx("This file is damaged or not an Excel workbook (truncated)");
  return start;
}
