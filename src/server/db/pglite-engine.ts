import { mkdirSync } from "node:fs";
import { setImmediate as nextTurn } from "node:timers/promises";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { uuid_ossp } from "@electric-sql/pglite/contrib/uuid_ossp";
import { diskSpaceGuard } from "@/server/storage/disk-space-guard";
import { lockDataDir } from "./data-dir-lock";
import { pgliteTableMaintainer } from "./pglite-table-maintainer";
import { makeTx, TYPE_PARSERS, withoutNesting, type Engine } from "./engine";
import { render, type SqlQuery } from "./sql";

export interface PGliteOptions {
  /** A folder to persist to; omitted means in memory. */
  dataDir?: string;
  /** A dump from `dumpDataDir()` to start from (tests start from a migrated snapshot). */
  loadDataDir?: Blob | File;
  /**
   * Free space to keep on the disk of `dataDir`: below it every transaction runs read only, so reads
   * go on and writes are refused (StorageFullError) before Postgres meets a full disk. 0 or unset: no guard.
   */
  minFreeBytes?: number;
  /**
   * Postgres's page cache, e.g. "1GB" (128 MB unset). A bulk load of a million invoices inserts into
   * indexes far larger than 128 MB at random places, and every page that does not fit is copied out
   * to the file system and back in: the load slows down as it grows. Up to about 1.5 GB (PGlite's memory).
   */
  sharedBuffers?: string;
}

/** PGlite's own start parameters, which `startParams` replaces rather than extends. */
const PGLITE_START_PARAMS = PGlite.defaultStartParams;

/**
 * PGlite is a single session: every unit of work holds its lock through `db.transaction()`. It is
 * also a single process: a folder is locked while open (see data-dir-lock.ts).
 */
export async function createPGliteEngine(options: PGliteOptions = {}): Promise<Engine & { pglite: PGlite; maintainTables: () => Promise<void> }> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const lock = options.dataDir ? lockDataDir(options.dataDir) : undefined;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      extensions: { pgcrypto, uuid_ossp },
      parsers: TYPE_PARSERS,
      ...(options.sharedBuffers ? { startParams: [...PGLITE_START_PARAMS, "-c", `shared_buffers=${options.sharedBuffers}`] } : {}),
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const checkpoints = walCheckpointer(pglite);
  const space = options.dataDir && options.minFreeBytes ? diskSpaceGuard(options.dataDir, options.minFreeBytes) : undefined;
  const maintainer = pgliteTableMaintainer(pglite, () => space?.low() ?? false);
  /**
   * A transaction that, below the free-space floor, runs read only: reads go on, and a write is
   * refused (StorageFullError) instead of meeting the full disk, where PGlite would hang.
   */
  async function guarded<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    const readOnly = space?.low() ?? false;
    try {
      return await pglite.transaction(async (t) => {
        if (readOnly) await t.exec("set transaction read only");
        return work(t);
      });
    } catch (error) {
      // 25006: a write in a read-only transaction, the guard's doing.
      if (readOnly && space && (error as { code?: unknown }).code === "25006") throw space.refusal(error);
      throw error;
    }
  }
  return {
    kind: "pglite",
    pglite,
    /** Vacuum and analyze every table the maintainer would, now (a bulk load or a migration just wrote them). */
    maintainTables: () => withoutNesting(() => maintainer.catchUp()),
    transaction: (fn) =>
      withoutNesting(async () => {
        // PGlite runs on this thread and settles its promises without returning to the event loop:
        // a job's chain of transactions (the demo data, an import) would otherwise starve every
        // socket and timer until it ends. One turn of the loop first lets waiting requests in.
        await nextTurn();
        const result = await guarded((t) =>
          fn(
            makeTx(
              async (text, params) => (await t.query<Record<string, unknown>>(text, params)).rows,
              async (script) => void (await t.exec(script)),
              render,
            ),
          ),
        );
        await checkpoints.afterTransaction();
        await maintainer.afterTransaction();
        return result;
      }),
    statement: <Row,>(query: SqlQuery) =>
      withoutNesting(async () => {
        // As transaction() does: the job worker's loop of statements must not starve requests.
        await nextTurn();
        const { text, params } = render(query);
        // Low on disk: in a transaction, so that the guard makes it read only (a write is refused, not hung).
        if (space?.low()) return guarded(async (t) => (await t.query<Row>(text, params)).rows);
        const { rows } = await pglite.query<Row>(text, params);
        await checkpoints.afterTransaction();
        await maintainer.afterTransaction();
        return rows;
      }),
    close: async () => {
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** Transactions between two looks at the WAL, and the WAL written since the last checkpoint that triggers one. */
const WAL_CHECK_EVERY = 8;
const WAL_CHECKPOINT_BYTES = 32 * 1024 * 1024;

/**
 * PGlite runs Postgres single-user: there is no checkpointer, so no WAL segment is ever recycled
 * and a write-heavy run (a 100,000-row import writes about as much WAL as data) keeps all of it,
 * in RSS when the database is in memory and on disk otherwise. Every few transactions this looks at
 * how much WAL the last checkpoint left behind and, past 32 MB, checkpoints (what the checkpointer
 * does for max_wal_size), so old segments are recycled. A failed checkpoint only postpones it.
 */
function walCheckpointer(pglite: PGlite) {
  let transactions = 0;
  return {
    async afterTransaction(): Promise<void> {
      if (++transactions % WAL_CHECK_EVERY !== 0) return;
      try {
        const { rows } = await pglite.query<{ due: boolean }>(
          "select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn) > $1 as due from pg_control_checkpoint()",
          [WAL_CHECKPOINT_BYTES],
        );
        if (rows[0]?.due) await pglite.exec("checkpoint");
      } catch {
        // Closed underneath us, or a role without the right: the next look tries again.
      }
    },
  };
}
