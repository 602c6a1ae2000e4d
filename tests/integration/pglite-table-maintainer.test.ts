/**
 * PGlite has no autovacuum and its activity counters stay at zero, so a table that a sync or import
 * filled was never analyzed: the planner kept the guess for an empty table and sorted every row where
 * an index scan reads the first page. The engine now vacuums and analyzes a table that grew past
 * 20 % (and 1 MB) since it last was, one table every 64 transactions.
 * PGlite only by nature: vitest.config.ts runs this file in the pglite project.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "@/server/db/sql";
import { createPGliteEngine } from "@/server/db/pglite-engine";

let engine: Awaited<ReturnType<typeof createPGliteEngine>>;

beforeAll(async () => {
  engine = await createPGliteEngine();
  await engine.pglite.exec(`
    create table public.grown (id int primary key, rank int not null, body text not null);
    create index grown_rank_idx on public.grown (rank desc, id);
    create table public.small (id int primary key);`);
});
afterAll(() => engine?.close());

const stats = (table: string) =>
  engine.transaction((tx) => tx.one<{ reltuples: number; relpages: number; allvisible: number }>(sql`
    select reltuples, relpages, relallvisible as allvisible from pg_class where oid = ${`public.${table}`}::regclass`));
const idle = async (n: number) => {
  for (let i = 0; i < n; i++) await engine.transaction((tx) => tx.query(sql`select 1`));
};

it("a table that grew is analyzed and vacuumed after a few transactions, and its first page becomes an index scan", async () => {
  await engine.transaction((tx) => tx.query(sql`insert into public.grown select g, g % 5000, md5(g::text) from generate_series(1, 40000) g`));
  await engine.transaction((tx) => tx.query(sql`insert into public.small values (1)`));
  expect((await stats("grown")).reltuples).toBeLessThanOrEqual(0);
  await idle(64);
  const grown = await stats("grown");
  expect(grown.reltuples).toBeGreaterThan(30_000);
  // Vacuumed too: the visibility map lets index-only scans skip the heap.
  expect(grown.allvisible).toBeGreaterThan(0);
  const plan = await engine.transaction((tx) =>
    tx.query<{ "QUERY PLAN": string }>(sql`explain select id from public.grown order by rank desc, id limit 20`));
  expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/Index (Only )?Scan using grown_rank_idx/);
  // Under 1 MB: left alone.
  expect((await stats("small")).reltuples).toBeLessThanOrEqual(0);
});

it("a table is not maintained again until it grows by a fifth", async () => {
  const before = await stats("grown");
  await engine.transaction((tx) => tx.query(sql`insert into public.grown select g, g % 5000, md5(g::text) from generate_series(40001, 41000) g`));
  await idle(64);
  expect((await stats("grown")).reltuples).toBe(before.reltuples);
  await engine.transaction((tx) => tx.query(sql`insert into public.grown select g, g % 5000, md5(g::text) from generate_series(41001, 60000) g`));
  await idle(64);
  expect((await stats("grown")).reltuples).toBeGreaterThan(50_000);
});

it("a table analyzed but never vacuumed (a bulk load's end) gets its visibility map, so index-only scans skip the heap", async () => {
  await engine.pglite.exec(`
    create table public.loaded (id int primary key, rank int not null, body text not null);
    create index loaded_rank_idx on public.loaded (rank) include (id);
    insert into public.loaded select g, g % 5000, md5(g::text) from generate_series(1, 40000) g;
    analyze public.loaded;`);
  expect((await stats("loaded")).allvisible).toBe(0);
  const heapFetches = async () => {
    // The plan a covering index gets once it is worth it (an empty map makes a bitmap scan cheaper).
    const plan = await engine.transaction(async (tx) => {
      await tx.query(sql`set local enable_bitmapscan = off`);
      await tx.query(sql`set local enable_seqscan = off`);
      return tx.query<{ "QUERY PLAN": string }>(sql`explain (analyze) select id from public.loaded where rank between 10 and 20`);
    });
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/Index Only Scan using loaded_rank_idx/);
    return Number(/Heap Fetches: (\d+)/.exec(text)?.[1]);
  };
  expect(await heapFetches()).toBeGreaterThan(0);
  await idle(64);
  expect((await stats("loaded")).allvisible).toBeGreaterThan(0);
  expect(await heapFetches()).toBe(0);
  // Done once: it is not picked again at the same size.
  const before = await stats("loaded");
  await idle(64);
  expect(await stats("loaded")).toEqual(before);
});
