/**
 * A first start of the embedded default loads the build's migrated, empty database instead of
 * running initdb and every migration (src/server/db/embedded-template.ts). It must be the very
 * database the migrations make, hold no data, and never be loaded for other migrations.
 * PGlite only by nature: vitest.config.ts runs this file in the pglite project.
 */
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { embeddedTemplateFile, loadEmbeddedTemplate, writeEmbeddedTemplate } from "@/server/db/embedded-template";
import { migrate, supabaseDir } from "@/server/db/migrate";
import { createPGliteEngine } from "@/server/db/pglite-engine";
import type { Engine } from "@/server/db";

const scratch = await mkdtemp(path.join(os.tmpdir(), "xp-template-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Everything a migration defines: tables and columns, policies, functions, grants, built-in rows. */
async function fingerprint(engine: Engine & { pglite: { query: (q: string) => Promise<{ rows: unknown[] }> } }) {
  const q = async (text: string) => (await engine.pglite.query(text)).rows;
  return {
    migrations: await q("select version, name from supabase_migrations.schema_migrations order by version"),
    columns: await q(`select table_schema, table_name, column_name, data_type, column_default, is_nullable from information_schema.columns
                      where table_schema in ('public', 'app_private', 'auth') order by 1, 2, 3`),
    policies: await q("select schemaname, tablename, policyname, cmd, qual, with_check from pg_policies order by 1, 2, 3"),
    functions: await q(`select n.nspname, p.proname, md5(pg_get_functiondef(p.oid)) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                        where n.nspname in ('public', 'app_private', 'auth') and p.prokind = 'f' order by 1, 2, 3`),
    grants: await q("select grantee, table_schema, table_name, privilege_type from information_schema.role_table_grants where table_schema in ('public', 'app_private') order by 1, 2, 3, 4"),
    roles: await q("select role, rank from public.roles order by role"),
    users: await q("select count(*)::int as n from auth.users"),
    organizations: await q("select count(*)::int as n from public.organizations"),
    secrets: await q("select count(*)::int as n from app_private.instance_secrets"),
  };
}

it("a first start from the template has the schema the migrations make, and no data or secret", async () => {
  await writeEmbeddedTemplate();
  const fromTemplateDir = path.join(scratch, "from-template");
  const template = await loadEmbeddedTemplate(fromTemplateDir);
  expect(template).toBeDefined();
  const fromTemplate = await createPGliteEngine({ dataDir: fromTemplateDir, loadDataDir: template });
  // As getEngine does after opening: nothing left to apply.
  expect(await migrate(fromTemplate, { localBootstrap: true })).toEqual([]);
  const migrated = await createPGliteEngine({ dataDir: path.join(scratch, "migrated") });
  expect((await migrate(migrated, { localBootstrap: true })).length).toBeGreaterThan(20);
  try {
    const a = await fingerprint(fromTemplate);
    expect(a).toEqual(await fingerprint(migrated));
    expect([a.users, a.organizations, a.secrets]).toEqual([[{ n: 0 }], [{ n: 0 }], [{ n: 0 }]]);
  } finally {
    await fromTemplate.close();
    await migrated.close();
  }
  // A folder that already holds a database is opened as it is.
  expect(await loadEmbeddedTemplate(fromTemplateDir)).toBeUndefined();
}, 120_000);

it("a template is named after every migration's content, so one made for other migrations is never loaded", async () => {
  const copy = path.join(scratch, "supabase");
  await cp(path.join(supabaseDir(), "migrations"), path.join(copy, "migrations"), { recursive: true });
  await cp(path.join(supabaseDir(), "local"), path.join(copy, "local"), { recursive: true });
  const before = await embeddedTemplateFile(copy);
  expect(before).toBe(await embeddedTemplateFile());
  await writeFile(path.join(copy, "migrations", "29991231000000_later.sql"), "select 1;\n");
  expect(await embeddedTemplateFile(copy)).not.toBe(before);
  await writeFile(path.join(copy, "migrations", "29991231000000_later.sql"), "select 2;\n");
  expect(await embeddedTemplateFile(copy)).not.toBe(before);
});
