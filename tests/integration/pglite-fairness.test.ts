/**
 * PGlite runs inside the server's own thread and settles its promises without returning to the
 * event loop. A job that runs one transaction after another (the demo's data, an import) kept
 * every socket and timer waiting until it ended: a fresh start answered nothing, not even its
 * health check, for the 13 s the demo data took. Each transaction now lets the loop turn first.
 * PGlite only by nature: vitest.config.ts runs this file in the pglite project.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "@/server/db/sql";
import { createPGliteEngine } from "@/server/db/pglite-engine";

let engine: Awaited<ReturnType<typeof createPGliteEngine>>;

beforeAll(async () => {
  engine = await createPGliteEngine();
  await engine.pglite.exec("create table fairness_probe (id int, body text)");
});
afterAll(() => engine?.close());

it("a chain of transactions lets a waiting request in between two of them", async () => {
  const transactions = 40;
  let done = 0;
  // A request that arrived meanwhile: its callback runs on the event loop, as a socket's would.
  let servedAfter: number | null = null;
  setTimeout(() => (servedAfter = done), 0);
  for (let i = 0; i < transactions; i++) {
    await engine.transaction((tx) => tx.query(sql`insert into fairness_probe select g, md5(g::text) from generate_series(1, 2000) g`));
    done++;
  }
  expect(servedAfter).not.toBeNull();
  expect(servedAfter!).toBeLessThan(transactions);
});
