import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { uuid_ossp } from "@electric-sql/pglite/contrib/uuid_ossp";
import { lockDataDir } from "./data-dir-lock";
import { makeTx, TYPE_PARSERS, withoutNesting, type Engine } from "./engine";
import { render } from "./sql";

export interface PGliteOptions {
  /** A folder to persist to; omitted means in memory. */
  dataDir?: string;
  /** A dump from `dumpDataDir()` to start from (tests start from a migrated snapshot). */
  loadDataDir?: Blob | File;
}

/**
 * PGlite is a single session: every unit of work holds its lock through `db.transaction()`. It is
 * also a single process: a folder is locked while open (see data-dir-lock.ts).
 */
export async function createPGliteEngine(options: PGliteOptions = {}): Promise<Engine & { pglite: PGlite }> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const lock = options.dataDir ? lockDataDir(options.dataDir) : undefined;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      extensions: { pgcrypto, uuid_ossp },
      parsers: TYPE_PARSERS,
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  return {
    kind: "pglite",
    pglite,
    transaction: (fn) =>
      withoutNesting(() => pglite.transaction((t) =>
        fn(
          makeTx(
            async (text, params) => (await t.query<Record<string, unknown>>(text, params)).rows,
            async (script) => void (await t.exec(script)),
            render,
          ),
        ),
      )),
    close: async () => {
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
