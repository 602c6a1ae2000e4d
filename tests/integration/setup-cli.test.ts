/**
 * `npm run setup -- --org … --email … --password-stdin` against an empty, unmigrated database of the
 * engine under test (a new PGlite folder, or a new PostgreSQL database): it migrates, creates the
 * first organization and admin with the password from stdin, and refuses to run a second time.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/server/db";
import { createPGliteEngine } from "@/server/db/pglite-engine";
import { createPostgresEngine } from "@/server/db/postgres-engine";
import { sql } from "@/server/db/sql";
import { withDatabase } from "../helpers/global-setup";

const onPostgres = process.env.TEST_ENGINE === "postgres";
let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;
let open: () => Promise<Engine>;

function runSetup(args: string[], stdin: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/setup.ts", ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
    child.stdin.end(stdin);
  });
}

beforeAll(async () => {
  const base = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "warn", NODE_ENV: "development" as const, APP_URL: "https://portal.example.test" };
  if (onPostgres) {
    const name = `xp_cli_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = withDatabase(process.env.TEST_DATABASE_URL!, name);
    env = { ...base, DATABASE_URL: url };
    open = async () => createPostgresEngine(url, 1);
    cleanup = async () => {
      const admin2 = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin2.connect();
      await admin2.query(`drop database if exists ${name} with (force)`);
      await admin2.end();
    };
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), "xp-cli-"));
    env = { ...base, XEROPULSE_DATA_DIR: dir, SEED_DEMO: "true" };
    open = () => createPGliteEngine({ dataDir: path.join(dir, "pglite") });
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
}, 60_000);

afterAll(() => cleanup?.());

describe("npm run setup (the CLI)", () => {
  it("refuses bad arguments without touching the database", async () => {
    const usage = await runSetup(["--org", "Acme"], "x");
    expect(usage.code).toBe(2);
    expect(usage.out).toContain("usage: npm run setup");
    const bad = await runSetup(["--org", "Acme", "--email", "admin@acme.test", "--password-stdin", "--slug", "login"], "short\n");
    expect(bad.code).toBe(2);
    expect(bad.out).toContain("slug: This URL name is reserved");
    expect(bad.out).toContain("password: Use at least 8 characters");
  }, 60_000);

  it("migrates an empty database and creates the first organization and admin, with the password from stdin", async () => {
    const done = await runSetup(["--org", "Cli Partners", "--email", "Founder@Cli.test", "--name", "Fay Founder", "--currency", "nzd", "--password-stdin"], "a password from stdin\n");
    expect(done.out).toContain("Created Cli Partners (https://portal.example.test/cli-partners) and its admin founder@cli.test");
    expect(done.code).toBe(0);

    const engine = await open();
    try {
      const rows = await engine.transaction((tx) =>
        tx.query<{ email: string; ok: boolean; role: string; slug: string; currency: string; confirmed: boolean; demo: number }>(sql`
          select u.email, u.encrypted_password = extensions.crypt('a password from stdin', u.encrypted_password) as ok,
                 m.role, o.slug, o.currency, u.email_confirmed_at is not null as confirmed,
                 (select count(*) from public.organizations where slug in ('acme', 'globex'))::int as demo
          from auth.users u join public.org_members m on m.user_id = u.id join public.organizations o on o.id = m.org_id`),
      );
      // The CLI never seeds the demo, even where the server would (SEED_DEMO on PGlite).
      expect(rows).toEqual([{ email: "founder@cli.test", ok: true, role: "admin", slug: "cli-partners", currency: "NZD", confirmed: true, demo: 0 }]);
    } finally {
      await engine.close();
    }
  }, 120_000);

  it("refuses to run once a user exists", async () => {
    const again = await runSetup(["--org", "Second", "--email", "second@cli.test", "--password-stdin"], "another password\n");
    expect(again.code).toBe(1);
    expect(again.out).toContain("Setup is already done");
    const engine = await open();
    try {
      expect(await engine.transaction((tx) => tx.query(sql`select 1 from public.organizations`))).toHaveLength(1);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
