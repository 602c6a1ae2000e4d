import { Transform, type Readable } from "node:stream";
import { Readable as NodeReadable } from "node:stream";
import zlib from "node:zlib";
import { unreadable } from "./workbook-refused";
import { entryDataOffset, type ZipEntry } from "./zip-directory";

/**
 * Excel never writes a DTD; one in a workbook part is an entity trick (billion laughs, XXE). It is
 * looked for in the whole part, not only its first bytes: a comment can push it as far as it likes.
 * (Outside markup `<` is always escaped, so the text can never be a cell's content.)
 */
const DTD = /<!(DOCTYPE|ENTITY)/i;
/** Enough of the previous chunk to find a declaration split across two. */
const CARRY = 16;

function refuseDtd(text: string, name: string) {
  if (DTD.test(text)) throw unreadable(`Part "${name}" declares XML entities, which Excel never writes; the file was refused.`);
}

const bomb = (name: string) =>
  unreadable(`Part "${name}" inflates beyond the size its zip directory declares; this looks like a zip bomb, not a spreadsheet.`);

/** A small part (workbook.xml, relationships), inflated whole but never past its declared size. */
export function readEntryText(buf: Buffer, entry: ZipEntry): string {
  const data = buf.subarray(entryDataOffset(buf, entry), entryDataOffset(buf, entry) + entry.compressedSize);
  let out: Buffer;
  try {
    out = entry.method === 0 ? Buffer.from(data) : zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw bomb(entry.name);
    throw unreadable(`Part "${entry.name}" of this workbook is damaged.`);
  }
  if (out.length !== entry.uncompressedSize) throw unreadable(`Part "${entry.name}" of this workbook is damaged (its size does not match).`);
  const text = out.toString("utf8");
  refuseDtd(text, entry.name);
  return text;
}

/**
 * A part as a stream of inflated bytes that errors as soon as it passes its declared size (or ends
 * short of it), and refuses a DTD anywhere in it. Memory stays at zlib's window plus one chunk.
 */
export function entryStream(buf: Buffer, entry: ZipEntry): Readable {
  const start = entryDataOffset(buf, entry);
  const source = NodeReadable.from([buf.subarray(start, start + entry.compressedSize)], { objectMode: false });
  let seen = 0;
  let carry = "";
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > entry.uncompressedSize) return done(bomb(entry.name));
      const text = carry + chunk.toString("latin1");
      carry = text.slice(-CARRY);
      try {
        refuseDtd(text, entry.name);
      } catch (error) {
        return done(error as Error);
      }
      done(null, chunk);
    },
    flush(done) {
      done(seen === entry.uncompressedSize ? null : unreadable(`Part "${entry.name}" of this workbook is damaged (its size does not match).`));
    },
  });
  const inflated = entry.method === 0 ? source : source.pipe(zlib.createInflateRaw());
  inflated.on("error", () => guard.destroy(unreadable(`Part "${entry.name}" of this workbook is damaged.`)));
  return inflated.pipe(guard);
}
