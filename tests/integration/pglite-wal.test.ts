/**
 * PGlite runs Postgres single-user, with no checkpointer: without the engine's own checkpoints every
 * WAL segment a write-heavy run produced stayed (in RSS for an in-memory database, on disk for the
 * app's). A run writing several times the checkpoint threshold keeps its WAL bounded and its rows.
 * PGlite only by nature: vitest.config.ts runs this file in the pglite project.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "@/server/db/sql";
import { createPGliteEngine } from "@/server/db/pglite-engine";

let engine: Awaited<ReturnType<typeof createPGliteEngine>>;
const walBytes = async () =>
  Number((await engine.pglite.query<{ bytes: string }>("select coalesce(sum(size), 0)::text as bytes from pg_ls_waldir()")).rows[0]!.bytes);

beforeAll(async () => {
  engine = await createPGliteEngine();
  await engine.pglite.exec("create table wal_probe (id int primary key, body text)");
});
afterAll(() => engine?.close());

it("a write-heavy run keeps PGlite's WAL bounded, and every row it wrote", async () => {
  const before = await walBytes();
  const batches = 48;
  const perBatch = 10_000;
  let written = 0;
  for (let b = 0; b < batches; b++) {
    // About 4 MB of WAL per transaction: some 190 MB in all without a checkpoint.
    await engine.transaction((tx) =>
      tx.query(sql`insert into wal_probe select g, repeat(md5(g::text), 6) from generate_series(${b * perBatch + 1}::int, ${(b + 1) * perBatch}::int) g`),
    );
    written += perBatch;
  }
  const wrote = Number((await engine.pglite.query<{ lsn: string }>("select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::text as lsn")).rows[0]!.lsn);
  expect(wrote).toBeGreaterThan(150 * 1024 * 1024);
  // Threshold (32 MB) + the WAL of the transactions between two looks (8 × ~4 MB) + segment slack.
  expect(await walBytes()).toBeLessThanOrEqual(Math.max(before, 112 * 1024 * 1024));
  const rows = await engine.transaction((tx) => tx.query<{ n: number }>(sql`select count(*)::int as n from wal_probe`));
  expect(rows[0]?.n).toBe(written);
}, 120_000);
