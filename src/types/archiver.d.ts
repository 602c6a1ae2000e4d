// The part of archiver 5's API the organization export uses (the package ships no types, and
// @types/archiver is not a dependency).
declare module "archiver" {
  import type { Readable, Transform } from "node:stream";

  interface EntryData {
    name: string;
    date?: Date;
  }

  interface Archiver extends Transform {
    append(source: Readable | Buffer | string, data: EntryData): this;
    finalize(): Promise<void>;
    abort(): this;
    pointer(): number;
  }

  function archiver(format: "zip", options?: { zlib?: { level?: number }; forceZip64?: boolean; store?: boolean }): Archiver;
  export default archiver;
}
