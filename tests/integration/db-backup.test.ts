/**
 * npm run db:backup / db:restore for the embedded database (PGlite on disk): a restored backup
 * gives back the same rows; both refuse, changing nothing, while another process (the app) has
 * the database open; a lock left by a dead process is taken over; with DATABASE_URL they point to
 * pg_dump instead. PGlite only by nature: vitest.config.ts runs this file in the pglite project.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { sql } from "@/server/db/sql";
import { backupEmbedded, restoreEmbedded } from "@/server/db/embedded-backup";
import { createPGliteEngine } from "@/server/db/pglite-engine";
import { provisionMembership } from "@/server/orgs/provision-membership";
import { provisionOrganization } from "@/server/orgs/provision-organization";
import { provisionUser } from "@/server/orgs/provision-user";

const root = path.resolve(".tmp", `backup-test-${randomUUID().slice(0, 8)}`);
const dataDir = path.join(root, "pglite");
let snapshot: Blob;

const fingerprint = async () => {
  const engine = await createPGliteEngine({ dataDir });
  try {
    return await engine.transaction((tx) =>
      tx.query<{ slug: string; name: string; members: number }>(sql`
        select o.slug, o.name, (select count(*)::int from public.org_members m where m.org_id = o.id) as members
        from public.organizations o order by o.slug`),
    );
  } finally {
    await engine.close();
  }
};

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const done = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
  return { child, done, output: () => output };
}

describe("embedded database backup and restore", () => {
  beforeAll(async () => {
    snapshot = new Blob([await readFile(inject("pgliteSnapshot"))]);
    mkdirSync(root, { recursive: true });
    const engine = await createPGliteEngine({ dataDir, loadDataDir: snapshot });
    await engine.transaction(async (tx) => {
      for (const slug of ["alpha", "beta"]) {
        const orgId = await provisionOrganization(tx, { slug, name: `${slug} Ltd` });
        const userId = await provisionUser(tx, { email: `owner@${slug}.test`, password: "backup-test-password" });
        await provisionMembership(tx, orgId, userId, "admin");
      }
    });
    await engine.close();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("restores a backup and gets the same rows back, keeping the replaced database aside", async () => {
    const before = await fingerprint();
    expect(before).toEqual([{ slug: "alpha", name: "alpha Ltd", members: 1 }, { slug: "beta", name: "beta Ltd", members: 1 }]);
    const file = path.join(root, "backups", "xeropulse-test.tar.gz");
    const { bytes } = await backupEmbedded(dataDir, file);
    expect(bytes).toBeGreaterThan(1000);

    // Life goes on after the backup: an organization is renamed, one deleted, one added.
    const engine = await createPGliteEngine({ dataDir });
    await engine.transaction(async (tx) => {
      await tx.query(sql`update public.organizations set name = 'Renamed' where slug = 'alpha'`);
      await tx.query(sql`delete from public.organizations where slug = 'beta'`);
      await provisionOrganization(tx, { slug: "gamma", name: "gamma Ltd" });
    });
    await engine.close();
    expect((await fingerprint()).map((o) => o.slug)).toEqual(["alpha", "gamma"]);

    const { previous, migrations } = await restoreEmbedded(dataDir, file);
    expect(migrations).toBeGreaterThan(5);
    expect(await fingerprint()).toEqual(before);
    expect(previous && existsSync(previous)).toBeTruthy();
    expect(readdirSync(root).filter((f) => f.includes(".restoring-"))).toEqual([]);
  });

  it("a file that is not a backup changes nothing", async () => {
    const before = await fingerprint();
    const bogus = path.join(root, "not-a-backup.tar.gz");
    writeFileSync(bogus, "this is not a tarball");
    await expect(restoreEmbedded(dataDir, bogus)).rejects.toThrow(/not a backup/);
    await expect(restoreEmbedded(dataDir, path.join(root, "missing.tar.gz"))).rejects.toThrow(/No backup file/);
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses, changing nothing, while another process has the database open", async () => {
    const before = await fingerprint();
    const file = path.join(root, "backups", "second.tar.gz");
    await backupEmbedded(dataDir, file);
    // A second process opens the database, as the running app does.
    const holder = run(process.execPath, [
      "--import",
      "tsx",
      "-e",
      `import("./src/server/db/pglite-engine.ts").then(async (m) => { await m.createPGliteEngine({ dataDir: ${JSON.stringify(dataDir)} }); console.log("open"); setTimeout(() => process.exit(0), 60_000); });`,
    ]);
    try {
      for (let i = 0; i < 300 && !holder.output().includes("open"); i++) await new Promise((r) => setTimeout(r, 100));
      expect(holder.output()).toContain("open");
      const inUse = new RegExp(`in use by process ${holder.child.pid}.*stop the app`);
      await expect(backupEmbedded(dataDir, path.join(root, "backups", "third.tar.gz"))).rejects.toThrow(inUse);
      await expect(restoreEmbedded(dataDir, file)).rejects.toThrow(inUse);
      await expect(createPGliteEngine({ dataDir })).rejects.toThrow(inUse);
      expect(existsSync(path.join(root, "backups", "third.tar.gz"))).toBe(false);
    } finally {
      holder.child.kill("SIGKILL");
      await holder.done;
    }
    // Killed without releasing: its lock is stale, and is taken over.
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    expect(await fingerprint()).toEqual(before);
  });

  it("takes over a lock whose process is gone, on this host", async () => {
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), command: "next start", since: new Date().toISOString() }));
    expect((await fingerprint()).length).toBe(2);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("with DATABASE_URL, points to pg_dump and pg_restore instead", async () => {
    const cli = run(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/db.ts", "backup"], { DATABASE_URL: "postgres://u:p@127.0.0.1:1/none" });
    expect(await cli.done).toBe(2);
    expect(cli.output()).toMatch(/pg_dump --format=custom/);
    expect(cli.output()).toMatch(/pg_restore/);
  });
});
