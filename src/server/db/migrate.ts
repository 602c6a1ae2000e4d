import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Engine } from "./engine";
import { sql } from "./sql";

export interface MigrateOptions {
  /** Apply supabase/local/ first: true on PGlite and plain PostgreSQL, never on a Supabase project. */
  localBootstrap: boolean;
  supabaseDir?: string;
}

export interface MigrationFile {
  version: string;
  name: string;
  script: string;
}

const FILE_PATTERN = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export function supabaseDir(): string {
  return path.join(process.cwd(), "supabase");
}

async function readSqlFolder(folder: string): Promise<MigrationFile[]> {
  const names = (await readdir(folder)).filter((n) => n.endsWith(".sql")).sort();
  return Promise.all(
    names.map(async (file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) throw new Error(`${folder}/${file}: migration files are named <YYYYMMDDHHMMSS>_<name>.sql`);
      return { version: match[1]!, name: match[2]!, script: await readFile(path.join(folder, file), "utf8") };
    }),
  );
}

/**
 * Applies pending migrations, one transaction per file, and records each version in
 * supabase_migrations.schema_migrations as the Supabase CLI does, so `supabase db push` and
 * `supabase migration list` agree with us about the same folder. Returns the versions applied.
 */
export async function migrate(engine: Engine, options: MigrateOptions): Promise<string[]> {
  const dir = options.supabaseDir ?? supabaseDir();
  const migrations = await readSqlFolder(path.join(dir, "migrations"));
  const bootstrap = options.localBootstrap ? await readSqlFolder(path.join(dir, "local")) : [];

  await engine.transaction(async (tx) => {
    await tx.execScript(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations
        (version text primary key, statements text[], name text);`);
  });

  const applied: string[] = [];
  for (const migration of migrations) {
    await engine.transaction(async (tx) => {
      // Serializes concurrent starters (several test workers, two app instances) on one server.
      await tx.query(sql`select pg_advisory_xact_lock(7355608)`);
      const done = await tx.maybeOne(
        sql`select 1 from supabase_migrations.schema_migrations where version = ${migration.version}`,
      );
      if (done) return;
      if (applied.length === 0) {
        for (const file of bootstrap) await tx.execScript(file.script);
      }
      await tx.execScript(migration.script);
      await tx.query(sql`
        insert into supabase_migrations.schema_migrations (version, statements, name)
        values (${migration.version}, ${[migration.script]}, ${migration.name})`);
      applied.push(migration.version);
    });
  }
  return applied;
}

export async function currentMigrationVersion(engine: Engine): Promise<string | null> {
  return engine.transaction(async (tx) => {
    const row = await tx.maybeOne<{ version: string | null }>(
      sql`select max(version) as version from supabase_migrations.schema_migrations`,
    );
    return row?.version ?? null;
  });
}
