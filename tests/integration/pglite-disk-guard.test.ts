/**
 * The embedded database on a disk with less free space than XEROPULSE_DATA_MIN_FREE_MB: every
 * transaction runs read only, so reads go on and a write is refused with STORAGE_FULL (507) before
 * Postgres meets a full disk; uploads are refused before a byte is written. (The real full disk is
 * bench/faults/disk-full.ts, on a small tmpfs.) PGlite only by nature: vitest.config.ts runs this
 * file in the pglite project.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "@/server/db/sql";
import { createPGliteEngine } from "@/server/db/pglite-engine";
import { isStorageFull } from "@/server/db/storage-full";
import { toAppError } from "@/server/http/to-app-error";
import { diskSpaceGuard } from "@/server/storage/disk-space-guard";
import { localImportFileStore } from "@/server/storage/import-files";

// More than any disk has free: the guard always sees too little.
const UNREACHABLE = Number.MAX_SAFE_INTEGER;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "xeropulse-disk-guard-"));
  const engine = await createPGliteEngine({ dataDir: path.join(dir, "pglite") });
  await engine.transaction((tx) => tx.query(sql`create table kept (id int primary key, body text)`));
  await engine.transaction((tx) => tx.query(sql`insert into kept select g, md5(g::text) from generate_series(1, 100) g`));
  await engine.close();
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("a disk under the free-space reserve", () => {
  it("reads go on; a write is refused as STORAGE_FULL and changes nothing", async () => {
    const engine = await createPGliteEngine({ dataDir: path.join(dir, "pglite"), minFreeBytes: UNREACHABLE });
    try {
      const count = () => engine.transaction((tx) => tx.one<{ n: number }>(sql`select count(*)::int as n from kept`)).then((r) => r.n);
      expect(await count()).toBe(100);
      const refused = await engine.transaction((tx) => tx.query(sql`insert into kept values (101, 'x')`)).catch((e: unknown) => e);
      expect(isStorageFull(refused)).toBe(true);
      expect(String((refused as Error).message)).toMatch(/XEROPULSE_DATA_MIN_FREE_MB/);
      const answer = toAppError(refused);
      expect([answer.code, answer.status]).toEqual(["STORAGE_FULL", 507]);
      expect(answer.message).toMatch(/disk is full/);
      expect(await count()).toBe(100);
    } finally {
      await engine.close();
    }
  });

  it("with room (the reserve met), the same engine settings write", async () => {
    const engine = await createPGliteEngine({ dataDir: path.join(dir, "pglite"), minFreeBytes: 1 });
    try {
      await engine.transaction((tx) => tx.query(sql`insert into kept values (101, 'x')`));
      expect((await engine.transaction((tx) => tx.one<{ n: number }>(sql`select count(*)::int as n from kept`))).n).toBe(101);
    } finally {
      await engine.close();
    }
  });

  it("an upload that would go under the reserve is refused before a byte is written", async () => {
    const root = path.join(dir, "imports");
    const store = localImportFileStore(root, diskSpaceGuard(dir, UNREACHABLE));
    const refused = await store.put("00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-000000000001.xlsx", new Uint8Array(1024)).catch((e: unknown) => e);
    expect(toAppError(refused).code).toBe("STORAGE_FULL");
    expect(await readdir(root).catch(() => [])).toEqual([]);
  });
});
