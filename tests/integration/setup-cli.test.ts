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
import { migrate } from "@/server/db/migrate";
import { startGoTrueFake } from "../fakes/gotrue-fake";
import { withDatabase } from "../helpers/global-setup";

const onPostgres = process.env.TEST_ENGINE === "postgres";
let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;
let open: () => Promise<Engine>;

function runSetup(args: string[], stdin: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/setup.ts", ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
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

// The GoTrue fake runs in this process and must write the admin's auth.users row while the CLI's
// process holds the database: PostgreSQL only, since an embedded PGlite folder has one process.
describe.runIf(onPostgres)("npm run setup in Supabase mode", () => {
  it("creates the admin through the admin API", async () => {
    const name = `xp_cli_supa_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = withDatabase(process.env.TEST_DATABASE_URL!, name);
    // A Supabase project already has the auth schema; the local bootstrap stands in for it here.
    const engine = createPostgresEngine(url, 2);
    await migrate(engine, { localBootstrap: true });
    const fake = await startGoTrueFake({
      onUserCreated: async (user) => {
        await engine.transaction((tx) =>
          tx.query(sql`insert into auth.users (id, email, email_confirmed_at, raw_user_meta_data) values (${user.id}, ${user.email}, now(), ${JSON.stringify(user.user_metadata)}::jsonb)`),
        );
      },
    });
    try {
      const saved = env;
      env = {
        ...saved,
        DATABASE_URL: url,
        AUTH_PROVIDER: "supabase",
        DB_AUTO_MIGRATE: "false",
        NEXT_PUBLIC_SUPABASE_URL: fake.url,
        NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: fake.publishableKey,
        SUPABASE_SECRET_KEY: fake.secretKey,
      };
      const done = await runSetup(["--org", "Supa Cli", "--email", "supa@cli.test", "--password-stdin"], "supabase password\n");
      env = saved;
      expect(done.out).toContain("Created Supa Cli");
      expect(done.code).toBe(0);
      expect(fake.requests.filter((r) => r.startsWith("POST /auth/v1/admin/users"))).toHaveLength(1);
      expect([...fake.users.values()].map((u) => [u.email, u.password, Boolean(u.email_confirmed_at)])).toEqual([["supa@cli.test", "supabase password", true]]);
      const rows = await engine.transaction((tx) =>
        tx.query(sql`select m.role, o.slug from public.org_members m join public.organizations o on o.id = m.org_id`),
      );
      expect(rows).toEqual([{ role: "admin", slug: "supa-cli" }]);
    } finally {
      await fake.close();
      await engine.close();
      const cleanupClient = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await cleanupClient.connect();
      await cleanupClient.query(`drop database if exists ${name} with (force)`);
      await cleanupClient.end();
    }
  }, 120_000);
});
