/**
 * The storage module of import files: the local folder (embedded default), Supabase Storage through
 * the service-role client (the app) and through its REST API (the Edge Functions), both against a
 * fake of the Storage API; and the retention: system.prune deletes files and staged rows of imports
 * older than IMPORT_RETENTION_DAYS, keeping their history.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { reloadConfig } from "@/server/config";
import { sql } from "@/server/db/sql";
import { asServiceOn } from "@/server/db/transactions";
import { enqueueJob } from "@/server/jobs/enqueue-job";
import { importFileStore, importObjectPath, localImportFileStore, supabaseStorageImportFileStore } from "@/server/storage/import-files";
import { supabaseImportFileStore, type ImportFileStore } from "@edge-shared/storage/import-file-store.ts";
import { startStorageFake, type StorageFake } from "../fakes/storage-fake";
import { setupTestDatabase } from "../helpers/test-db";
import { createOrgWithMembers, TEST_PASSWORD } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";
import { ImportSession, runJobs } from "../helpers/imports";
import { poWorkbook } from "../helpers/workbooks";

const db = setupTestDatabase();
const SECRET = "sb_secret_storage-test-key-0123456789";

async function roundTrip(store: ImportFileStore) {
  const p = importObjectPath(randomUUID(), randomUUID());
  const data = new Uint8Array([1, 2, 3, 250]);
  await store.put(p, data);
  expect(Buffer.from((await store.get(p))!)).toEqual(Buffer.from(data));
  await store.put(p, new Uint8Array([9]));
  expect(Buffer.from((await store.get(p))!)).toEqual(Buffer.from([9]));
  await store.remove([p]);
  expect(await store.get(p)).toBeNull();
  await store.remove([p]);
  await expect(store.put("../../etc/passwd", data)).rejects.toThrow(/not an import object path/);
}

describe("import file stores", () => {
  let fake: StorageFake;
  beforeAll(async () => {
    fake = await startStorageFake({ secretKey: SECRET });
  });
  afterAll(async () => {
    delete process.env.NEXT_PUBLIC_SUPABASE_URL;
    delete process.env.SUPABASE_SECRET_KEY;
    reloadConfig();
    await fake.close();
  });

  it("a local folder", async () => {
    await roundTrip(localImportFileStore(await mkdtemp(path.join(tmpdir(), "xp-store-"))));
  });

  it("Supabase Storage through its REST API (Edge Functions)", async () => {
    await roundTrip(supabaseImportFileStore({ url: fake.url, secretKey: SECRET }));
    expect(fake.requests.every((r) => r.path.startsWith("/storage/v1/object/imports"))).toBe(true);
  });

  it("Supabase Storage through the service-role client (the app), chosen when a project is configured", async () => {
    process.env.NEXT_PUBLIC_SUPABASE_URL = fake.url;
    process.env.SUPABASE_SECRET_KEY = SECRET;
    reloadConfig();
    await roundTrip(supabaseStorageImportFileStore());
    const p = importObjectPath(randomUUID(), randomUUID());
    await importFileStore().put(p, new Uint8Array([7]));
    expect(fake.objects.get(`imports/${p}`)).toEqual(Buffer.from([7]));
  });

  it("refuses a wrong key", async () => {
    await expect(supabaseImportFileStore({ url: fake.url, secretKey: "sb_secret_wrong-key-000000" }).put(importObjectPath(randomUUID(), randomUUID()), new Uint8Array([1]))).rejects.toThrow(/403/);
  });
});

describe("retention", () => {
  it("system.prune deletes files and staged rows after IMPORT_RETENTION_DAYS and keeps the history", async () => {
    const world = await createOrgWithMembers(db.engine());
    const client = new TestClient();
    await client.call(login, "/api/auth/login", { body: { email: world.members.finance.email, password: TEST_PASSWORD } });
    const finance = new ImportSession(client, world.org.slug, db.engine());
    const old = await finance.imported(await poWorkbook([{ poNumber: "PO-1", supplier: "A", orderValue: "x" }, { poNumber: "PO-2", supplier: "B", orderValue: 2 }]));
    const recent = await finance.validated(await poWorkbook([{ poNumber: "PO-3", supplier: "C", orderValue: 3 }]));
    const store = importFileStore();
    const oldPath = importObjectPath(world.org.id, old.id);
    expect(await store.get(oldPath)).not.toBeNull();
    await asServiceOn(db.engine(), (tx) => tx.query(sql`update public.imports set created_at = now() - interval '91 days' where id = ${old.id}`));

    await asServiceOn(db.engine(), (tx) => enqueueJob(tx, { orgId: world.org.id, kind: "system.prune", payload: {} }));
    await runJobs(db.engine());

    expect(await store.get(oldPath)).toBeNull();
    expect(await store.get(importObjectPath(world.org.id, recent.id))).not.toBeNull();
    const view = (await finance.get(old.id)).json;
    expect(view).toMatchObject({ status: "succeeded", fileAvailable: false, counts: { created: 1, invalid: 1 } });
    expect(view.preview.rows).toEqual([]);
    expect((await finance.errors(old.id)).status).toBe(409);
    expect((await finance.get(recent.id)).json.preview.rows).toHaveLength(1);
  });
});
