import { inflateRawSync } from "node:zlib";

/**
 * The files of a zip archive (stored or deflated entries, zip64 sizes), read from its central
 * directory: enough to check what the organization export wrote, with no zip library.
 */
export function readZip(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let eocd = archive.length - 22;
  while (eocd >= 0 && archive.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip archive: no end of central directory");
  let entries = archive.readUInt16LE(eocd + 10);
  let offset = archive.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff || entries === 0xffff) {
    const locator = eocd - 20;
    const zip64 = Number(archive.readBigUInt64LE(locator + 8));
    entries = Number(archive.readBigUInt64LE(zip64 + 32));
    offset = Number(archive.readBigUInt64LE(zip64 + 48));
  }
  for (let i = 0; i < entries; i++) {
    if (archive.readUInt32LE(offset) !== 0x02014b50) throw new Error("corrupt central directory");
    const method = archive.readUInt16LE(offset + 10);
    let compressedSize = archive.readUInt32LE(offset + 20);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    let localOffset = archive.readUInt32LE(offset + 42);
    const name = archive.subarray(offset + 46, offset + 46 + nameLength).toString("utf8");
    // zip64 extra field: the 0xffffffff sizes and offset, in this order, as needed.
    const extra = archive.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength);
    for (let p = 0; p + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(p);
      const size = extra.readUInt16LE(p + 2);
      if (id === 0x0001) {
        let q = p + 4;
        if (archive.readUInt32LE(offset + 24) === 0xffffffff) q += 8;
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(extra.readBigUInt64LE(q));
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = Number(extra.readBigUInt64LE(q));
      }
      p += 4 + size;
    }
    const localName = archive.readUInt16LE(localOffset + 26);
    const localExtra = archive.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localName + localExtra;
    const data = archive.subarray(start, start + compressedSize);
    if (method !== 0 && method !== 8) throw new Error(`unsupported compression method ${method}`);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
