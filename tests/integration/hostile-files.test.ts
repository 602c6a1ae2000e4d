/**
 * Hostile files through the import API: every workbook of the corpus (tests/helpers/hostile-workbooks.ts:
 * zip bombs, entity expansion, huge shared-string tables, a million empty rows, truncated zips,
 * files that are really CSV/HTML/PDF, macros…) is refused by POST /api/imports with its status and a
 * reason a person can act on; the process's peak memory grows by less than MEMORY_BOUND_MB while
 * reading it; and nothing is written (no public table changes, no file is stored). The request-level
 * mistakes (not multipart, wrong content type) are here too.
 */
import { readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as upload } from "@/app/api/imports/route";
import { sql } from "@/server/db/sql";
import { setupTestDatabase } from "../helpers/test-db";
import { createOrgWithMembers } from "../helpers/fixtures";
import { signIn } from "../helpers/sign-in";
import type { TestClient } from "../helpers/http-client";
import { HOSTILE_WORKBOOKS } from "../helpers/hostile-workbooks";

const db = setupTestDatabase();

/**
 * RSS growth allowed while one file is read, sampled every 5 ms (its bytes are already in memory;
 * the worst legitimate case, the 16 MB cell of random text, takes about 120 MB).
 */
const MEMORY_BOUND_MB = 160;

async function publicTables(): Promise<Map<string, string>> {
  const tables = await db.query<{ name: string }>(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const out = new Map<string, string>();
  for (const { name } of tables) {
    const [row] = await db.query<{ n: number; sum: string | null }>(
      sql([`select count(*)::int as n, md5(string_agg(md5(t::text), '' order by md5(t::text))) as sum from public."${name}" t`]),
    );
    out.set(name, `${row!.n} rows, ${row!.sum ?? "-"}`);
  }
  return out;
}

function storedFiles(): string[] {
  const root = process.env.XEROPULSE_DATA_DIR!;
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

/** Runs `fn` while sampling RSS every 5 ms; returns its result and the highest RSS seen above the start. */
async function withRssGrowth<T>(fn: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const start = rssMb();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb());
  }, 5);
  try {
    const result = await fn();
    peak = Math.max(peak, rssMb());
    return { result, growthMb: peak - start };
  } finally {
    clearInterval(timer);
  }
}

describe("hostile files through POST /api/imports", () => {
  let operator: TestClient;
  let org: string;
  let tablesBefore: Map<string, string>;
  let filesBefore: string[];
  const figures: string[] = [];

  beforeAll(async () => {
    const world = await createOrgWithMembers(db.engine(), "hostile-files");
    org = world.org.slug;
    operator = await signIn(world.members.operator.email);
    tablesBefore = await publicTables();
    filesBefore = storedFiles();
  }, 120_000);

  afterAll(() => {
    console.log(`hostile files: ${figures.length} refused\n${figures.join("\n")}`);
  });

  it.each(HOSTILE_WORKBOOKS.map((f) => [f.name, f] as const))("%s: refused with a reason, memory bounded", async (_name, file) => {
    const bytes = await file.bytes();
    const form = new FormData();
    form.set("type", "purchase_orders");
    form.set("file", new File([new Uint8Array(bytes)], file.fileName ?? "upload.xlsx", { type: file.fileType ?? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    const started = performance.now();
    const { result: res, growthMb: growth } = await withRssGrowth(() => operator.call(upload, "/api/imports", { form, headers: { "x-org-id": org } }));
    const ms = Math.round(performance.now() - started);
    expect(res.status, JSON.stringify(res.json)).toBe(file.status);
    expect(res.json).toMatchObject({ code: expect.any(String), requestId: expect.any(String), timestamp: expect.any(String) });
    expect(String(res.json.error)).toMatch(file.reason);
    expect(growth, `peak RSS grew by ${growth.toFixed(0)} MB`).toBeLessThan(MEMORY_BOUND_MB);
    figures.push(`  ${file.name} (${(bytes.length / 1024).toFixed(0)} KB): ${res.status} in ${ms} ms, peak RSS +${growth.toFixed(0)} MB: ${String(res.json.error).slice(0, 140)}`);
  }, 60_000);

  it("refuses uploads that are not multipart, or whose multipart is broken", async () => {
    const json = await operator.call(upload, "/api/imports", { rawBody: '{"type":"purchase_orders"}', headers: { "x-org-id": org, "content-type": "application/json" } });
    expect(json.status).toBe(415);
    const urlencoded = await operator.call(upload, "/api/imports", { rawBody: "type=purchase_orders&file=PK", headers: { "x-org-id": org, "content-type": "application/x-www-form-urlencoded" } });
    expect(urlencoded.status).toBe(415);
    const broken = await operator.call(upload, "/api/imports", { rawBody: "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nPK", headers: { "x-org-id": org, "content-type": "multipart/form-data; boundary=x" } });
    expect(broken.status).toBe(400);
    const noBoundary = await operator.call(upload, "/api/imports", { rawBody: "PK", headers: { "x-org-id": org, "content-type": "multipart/form-data" } });
    expect(noBoundary.status).toBe(400);
    for (const res of [json, urlencoded, broken, noBoundary]) expect(res.json).toMatchObject({ error: expect.any(String), requestId: expect.any(String) });
  });

  it("wrote nothing: no public table changed, no file stored", async () => {
    const after = await publicTables();
    const changed = [...after].filter(([t, s]) => tablesBefore.get(t) !== s).map(([t, s]) => `${t}: ${tablesBefore.get(t)} → ${s}`);
    expect(changed).toEqual([]);
    expect(storedFiles()).toEqual(filesBefore);
  });
});
