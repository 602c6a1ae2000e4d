/**
 * npm run db:migrate | db:seed | db:reset — against DATABASE_URL when set, else the embedded PGlite
 * database in XEROPULSE_DATA_DIR.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { config } from "@/server/config";
import type { Engine } from "@/server/db";
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

async function main() {
  if (command === "reset") {
    if (env.DATABASE_URL) {
      if (!localBootstrap) throw new Error("db:reset refuses to drop a Supabase project's schemas (AUTH_PROVIDER=supabase)");
      const engine = await open();
      await engine.transaction((tx) =>
        tx.execScript(`drop schema if exists public, app_private, supabase_migrations, auth cascade; create schema public;`),
      );
      await engine.close();
    } else {
      await rm(dataDir, { recursive: true, force: true });
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
    if (!["migrate", "seed", "reset"].includes(command ?? "")) throw new Error("usage: tsx scripts/db.ts migrate|seed|reset");
  } finally {
    await engine.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
