/**
 * npm run db:migrate | db:seed | db:reset — against DATABASE_URL when set, else the embedded PGlite
 * database in XEROPULSE_DATA_DIR.
 * npm run db:backup [file] | db:restore <file> — the embedded database only (with DATABASE_URL,
 * use pg_dump / pg_restore). Like every command here, they refuse while the app has it open.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { config } from "@/server/config";
import type { Engine } from "@/server/db";
import { lockDataDir } from "@/server/db/data-dir-lock";
import { backupEmbedded, defaultBackupFile, restoreEmbedded } from "@/server/db/embedded-backup";
import { migrate } from "@/server/db/migrate";
import { createPGliteEngine } from "@/server/db/pglite-engine";
import { createPostgresEngine } from "@/server/db/postgres-engine";
import { seedDemo } from "@/server/demo/seed-demo";

const command = process.argv[2];
const env = config();
const localBootstrap = env.AUTH_PROVIDER === "local";
const dataDir = path.resolve(env.XEROPULSE_DATA_DIR, "pglite");

async function open(): Promise<Engine> {
  return env.DATABASE_URL ? createPostgresEngine(env.DATABASE_URL, 2) : createPGliteEngine({ dataDir });
}

const PG_DUMP_ADVICE = [
  "db:backup and db:restore handle the embedded database only. With DATABASE_URL, use PostgreSQL's tools",
  "(they work while the app runs):",
  '  pg_dump --format=custom --no-owner --file=backups/xeropulse-$(date -u +%Y%m%d-%H%M%SZ).dump "$DATABASE_URL"',
  '  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" backups/<file>.dump',
  "On Supabase, the project's own backups (Database › Backups) cover the database.",
].join("\n");

async function backupOrRestore(): Promise<void> {
  if (env.DATABASE_URL) {
    console.error(PG_DUMP_ADVICE);
    process.exit(2);
  }
  if (command === "backup") {
    const { file, bytes } = await backupEmbedded(dataDir, path.resolve(process.argv[3] ?? defaultBackupFile()));
    console.log(`backed up ${dataDir} to ${file} (${(bytes / 1_048_576).toFixed(1)} MiB)`);
    console.log(`restore it with: npm run db:restore -- ${path.relative(process.cwd(), file)}`);
    return;
  }
  const file = process.argv[3];
  if (!file) throw new Error("usage: npm run db:restore -- <backup file>");
  const { previous, migrations } = await restoreEmbedded(dataDir, path.resolve(file));
  console.log(`restored ${dataDir} from ${file} (${migrations} migrations recorded; newer ones apply at the next start)`);
  if (previous) console.log(`the database it replaced is kept in ${previous} (delete it when you no longer need it)`);
}

async function main() {
  if (command === "backup" || command === "restore") return backupOrRestore();
  if (command === "reset") {
    if (env.DATABASE_URL) {
      if (!localBootstrap) throw new Error("db:reset refuses to drop a Supabase project's schemas (AUTH_PROVIDER=supabase)");
      const engine = await open();
      await engine.transaction((tx) =>
        tx.execScript(`drop schema if exists public, app_private, supabase_migrations, auth cascade; create schema public;`),
      );
      await engine.close();
    } else {
      // Refused while the app has the database open.
      const lock = lockDataDir(dataDir);
      try {
        await rm(dataDir, { recursive: true, force: true });
      } finally {
        lock.release();
      }
    }
  }
  const engine = await open();
  try {
    if (command === "migrate" || command === "reset") {
      const applied = await migrate(engine, { localBootstrap });
      console.log(applied.length ? `applied ${applied.join(", ")}` : "database is up to date");
    }
    // The embedded default seeds after a reset, as on first start; a real server only when asked.
    if (command === "seed" || (command === "reset" && !env.DATABASE_URL && env.SEED_DEMO)) {
      await migrate(engine, { localBootstrap });
      await seedDemo(engine);
      console.log("demo organizations acme and globex are seeded (password: xeropulse-demo)");
    }
    if (!["migrate", "seed", "reset"].includes(command ?? "")) throw new Error("usage: tsx scripts/db.ts migrate|seed|reset|backup [file]|restore <file>");
  } finally {
    await engine.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
