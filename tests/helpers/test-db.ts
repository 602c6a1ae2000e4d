import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { setEngine, type Engine, type Tx } from "@/server/db";
import type { SqlQuery } from "@/server/db/sql";
import { asServiceOn } from "@/server/db/transactions";
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

export interface TestDatabase {
  engine: () => Engine;
  /** One transaction as the database owner (no RLS, no role switch): fixtures and raw checks. */
  asOwner: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  /** One transaction as service_role, as jobs and webhooks run. */
  asService: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  /** One query as the owner. */
  query: <Row>(q: SqlQuery) => Promise<Row[]>;
  /** One query as service_role. */
  serviceQuery: <Row>(q: SqlQuery) => Promise<Row[]>;
}

/** Installs a fresh database as the app's engine for the whole test file. */
export function setupTestDatabase(): TestDatabase {
  let engine: Engine | undefined;
  beforeAll(async () => {
    engine = await createTestEngine();
    setEngine(engine);
  });
  afterAll(async () => {
    setEngine(undefined);
    await engine?.close();
  });
  const current = () => {
    if (!engine) throw new Error("setupTestDatabase: the database is not ready yet (use it inside a test or hook)");
    return engine;
  };
  const asOwner = <T,>(fn: (tx: Tx) => Promise<T>) => current().transaction(fn);
  const asService = <T,>(fn: (tx: Tx) => Promise<T>) => asServiceOn(current(), fn);
  return {
    engine: current,
    asOwner,
    asService,
    query: <Row,>(q: SqlQuery) => asOwner((tx) => tx.query<Row>(q)),
    serviceQuery: <Row,>(q: SqlQuery) => asService((tx) => tx.query<Row>(q)),
  };
}
