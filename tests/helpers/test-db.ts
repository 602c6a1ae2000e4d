import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { setEngine, type Engine } from "@/server/db";
import { createPGliteEngine } from "@/server/db/pglite-engine";
import { createPostgresEngine } from "@/server/db/postgres-engine";
import { withDatabase } from "./global-setup";

/**
 * A fresh, migrated database of the engine under test: PGlite loaded from the run's snapshot, or a
 * PostgreSQL database cloned from the run's template (dropped on close).
 */
export async function createTestEngine(): Promise<Engine> {
  if (process.env.TEST_ENGINE === "postgres") {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `xp_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject("pgTemplate")}`);
    await admin.end();
    const engine = createPostgresEngine(withDatabase(url, name), 5);
    return {
      ...engine,
      async close() {
        await engine.close();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  const dump = await readFile(inject("pgliteSnapshot"));
  return createPGliteEngine({ loadDataDir: new Blob([dump]) });
}

/** Installs a fresh database as the app's engine for the whole test file. */
export function setupTestDatabase(): { engine: () => Engine } {
  let engine: Engine | undefined;
  beforeAll(async () => {
    engine = await createTestEngine();
    setEngine(engine);
  });
  afterAll(async () => {
    setEngine(undefined);
    await engine?.close();
  });
  return {
    engine: () => {
      if (!engine) throw new Error("setupTestDatabase: the database is not ready yet (use it inside a test or hook)");
      return engine;
    },
  };
}

