import { Transform, type Readable } from "node:stream";
import { Readable as NodeReadable } from "node:stream";
import zlib from "node:zlib";
import { unreadable } from "./workbook-refused";
import { entryDataOffset, type ZipEntry } from "./zip-directory";

/** Excel never writes a DTD; one in a workbook part is an entity trick (billion laughs, XXE). */
const DTD = /<!(DOCTYPE|ENTITY)/i;
const PROLOG_BYTES = 4096;

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
  refuseDtd(text.slice(0, PROLOG_BYTES), entry.name);
  return text;
}

/**
 * A part as a stream of inflated bytes that errors as soon as it passes its declared size (or ends
 * short of it), and refuses a DTD in its prolog. Memory stays at zlib's window plus one chunk.
 */
export function entryStream(buf: Buffer, entry: ZipEntry): Readable {
  const start = entryDataOffset(buf, entry);
  const source = NodeReadable.from([buf.subarray(start, start + entry.compressedSize)], { objectMode: false });
  let seen = 0;
  let prolog = "";
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > entry.uncompressedSize) return done(bomb(entry.name));
      if (prolog.length < PROLOG_BYTES) {
        prolog += chunk.subarray(0, PROLOG_BYTES).toString("latin1");
        try {
          refuseDtd(prolog, entry.name);
        } catch (error) {
          return done(error as Error);
        }
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
