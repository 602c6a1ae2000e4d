import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { lockDataDir } from "./data-dir-lock";
import { createPGliteEngine } from "./pglite-engine";
import { sql } from "./sql";

/**
 * Backup and restore of the embedded database (PGlite in XEROPULSE_DATA_DIR/pglite): a backup is
 * PGlite's own dump of its data folder, a gzipped tar. Both open the folder, so both refuse while
 * the app has it open (data-dir-lock.ts) — PGlite serves one process at a time.
 */
const stamp = (d = new Date()) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z").replace("T", "-");

export function defaultBackupFile(dir = "backups"): string {
  return path.resolve(dir, `xeropulse-${stamp()}.tar.gz`);
}

export async function backupEmbedded(dataDir: string, file: string): Promise<{ file: string; bytes: number }> {
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) throw new Error(`There is no embedded database in ${dataDir} to back up`);
  const engine = await createPGliteEngine({ dataDir });
  try {
    const dump = await engine.pglite.dumpDataDir("gzip");
    const bytes = new Uint8Array(await dump.arrayBuffer());
    mkdirSync(path.dirname(file), { recursive: true });
    await writeFile(file, bytes, { flag: "wx" });
    return { file, bytes: bytes.length };
  } finally {
    await engine.close();
  }
}

/**
 * Replaces the embedded database with a backup. The backup is unpacked into a folder beside the
 * database and checked there (a file that is not a dump of a XeroPulse database changes nothing);
 * only then is the current folder moved aside to `<dataDir>.before-restore-<time>` (never deleted)
 * and the restored one put in its place. The database's lock is held throughout, so a running
 * app is refused before anything changes.
 */
export async function restoreEmbedded(dataDir: string, file: string): Promise<{ previous: string | null; migrations: number }> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`No backup file at ${file}`);
  const dump = new Blob([await readFile(file)]);
  mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const lock = lockDataDir(dataDir);
  const staging = `${dataDir}.restoring-${stamp()}`;
  try {
    let migrations: number | undefined;
    try {
      const restored = await createPGliteEngine({ dataDir: staging, loadDataDir: dump });
      try {
        migrations = (
          await restored
            .transaction((tx) => tx.one<{ n: number }>(sql`select count(*)::int as n from supabase_migrations.schema_migrations`))
            .catch(() => undefined)
        )?.n;
      } finally {
        await restored.close();
      }
    } catch (error) {
      throw new Error(`${file} is not a backup of the embedded database (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!migrations) throw new Error(`${file} holds no XeroPulse database (no migrations recorded)`);
    let previous: string | null = null;
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      previous = `${dataDir}.before-restore-${stamp()}`;
      renameSync(dataDir, previous);
    } else {
      rmSync(dataDir, { recursive: true, force: true });
    }
    renameSync(staging, dataDir);
    return { previous, migrations };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    lock.release();
  }
}
