import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { migrate, supabaseDir } from "./migrate";
import { createPGliteEngine } from "./pglite-engine";

/**
 * A fresh embedded database spent most of its first start in PGlite's initdb and the migrations
 * (about 5 s of a quiet 2-core machine's 6, four times that on a busy one). `npm run build` now
 * also writes the migrated, empty database once, as a PGlite dump; a first start on an empty folder
 * loads it instead. The dump holds the schema and its built-in rows only: no data, no secret (the
 * instance's secrets are made on first use, app_private.instance_secrets). Its file name carries a
 * hash of every migration and bootstrap file, so a dump of other migrations is never loaded, and
 * `migrate()` still runs after loading (a no-op then). Without the file the start runs initdb and
 * the migrations as before (`npm run dev`, a build without it).
 */
export async function embeddedTemplateFile(dir = supabaseDir()): Promise<string> {
  const hash = createHash("sha256");
  for (const folder of ["local", "migrations"]) {
    const full = path.join(dir, folder);
    if (!existsSync(full)) continue;
    for (const name of (await readdir(full)).filter((n) => n.endsWith(".sql")).sort()) {
      hash.update(`${folder}/${name}\0`).update(await readFile(path.join(full, name))).update("\0");
    }
  }
  return path.join(process.cwd(), "node_modules", ".cache", "xeropulse", `pglite-template-${hash.digest("hex").slice(0, 16)}.tar.gz`);
}

/** The dump to start an empty data folder from, when the build made one for these migrations. */
export async function loadEmbeddedTemplate(dataDir: string): Promise<Blob | undefined> {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) return undefined;
  const file = await embeddedTemplateFile();
  return existsSync(file) ? new Blob([await readFile(file)]) : undefined;
}

/** Writes the dump for the current migrations (atomically: a half-written file is never loaded). */
export async function writeEmbeddedTemplate(): Promise<string> {
  const file = await embeddedTemplateFile();
  const engine = await createPGliteEngine();
  try {
    await migrate(engine, { localBootstrap: true });
    const dump = await engine.pglite.dumpDataDir("gzip");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
    await rename(`${file}.tmp`, file);
    return file;
  } finally {
    await engine.close();
  }
}
