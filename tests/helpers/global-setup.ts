import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "@/server/db/migrate";
import { createPGliteEngine } from "@/server/db/pglite-engine";
import { createPostgresEngine } from "@/server/db/postgres-engine";

export const SNAPSHOT = path.resolve(".tmp/pglite-migrated.tar.gz");

/**
 * Migrates once per run: a PGlite dump that each test file loads in well under a second, and on
 * PostgreSQL a template database that each test file clones.
 */
export default async function setup(project: TestProject) {
  const engineKind = project.config.env?.TEST_ENGINE ?? "pglite";
  if (engineKind === "postgres") {
    const url = process.env.TEST_DATABASE_URL!;
    const template = `xp_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    await admin.end();
    const engine = createPostgresEngine(withDatabase(url, template), 2);
    await migrate(engine, { localBootstrap: true });
    await engine.close();
    project.provide("pgTemplate", template);
    return async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${template} with (force)`);
      await cleanup.end();
    };
  }
  const engine = await createPGliteEngine();
  await migrate(engine, { localBootstrap: true });
  const dump = await engine.pglite.dumpDataDir("gzip");
  await engine.close();
  await mkdir(path.dirname(SNAPSHOT), { recursive: true });
  await writeFile(SNAPSHOT, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteSnapshot", SNAPSHOT);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    pgTemplate: string;
  }
}
