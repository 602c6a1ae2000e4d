/**
 * The import API's edges: the role matrix on every route (admin, finance and operator import;
 * executive and staff get 403; another organization's member gets 404), and every hostile file,
 * each refused with a clear answer that leaves nothing behind (no import, no staged row, no file).
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { reloadConfig } from "@/server/config";
import { sql } from "@/server/db/sql";
import { asServiceOn } from "@/server/db/transactions";
import type { Role } from "@/lib/permissions";
import { setupTestDatabase } from "../helpers/test-db";
import { createOrgWithMembers } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";
import { importRoutes, ImportSession, runJobs } from "../helpers/imports";
import { cfbFile, poWorkbook, rawWorkbook, rawZip, sheetXml, uploadForm, workbook, PO_HEADERS } from "../helpers/workbooks";

const db = setupTestDatabase();
type World = Awaited<ReturnType<typeof createOrgWithMembers>>;

async function session(email: string, org: string) {
  return new ImportSession(await signIn(email), org, db.engine());
}

const q = <Row,>(query: ReturnType<typeof sql>) => asServiceOn(db.engine(), (tx) => tx.query<Row>(query));

describe("role matrix on every import route", () => {
  let a: World;
  let b: World;
  const sessions = {} as Record<Role | "outsider", ImportSession>;
  let targets: { read: string; patch: string; confirm: string; revert: string };

  beforeAll(async () => {
    a = await createOrgWithMembers(db.engine());
    b = await createOrgWithMembers(db.engine());
    for (const role of Object.keys(a.members) as Role[]) sessions[role] = await session(a.members[role].email, a.org.slug);
    sessions.outsider = await session(b.members.admin.email, a.org.slug);
    const file = await poWorkbook([{ poNumber: "PO-1", supplier: "A", orderValue: 1 }, { poNumber: "PO-2", supplier: "B", orderValue: "x" }]);
    const finance = sessions.finance;
    targets = {
      read: (await finance.validated(file)).id,
      patch: (await finance.validated(file)).id,
      confirm: (await finance.validated(file)).id,
      revert: (await finance.imported(await poWorkbook([{ poNumber: "PO-9", supplier: "A", orderValue: 1 }]))).id,
    };
  }, 120_000);

  const small = () => poWorkbook([{ poNumber: "PO-R", supplier: "A", orderValue: 1 }]);
  const calls = {
    "POST /api/imports": async (s: ImportSession) => (await s.upload(await small(), "purchase_orders")).status,
    "GET /api/imports": async (s: ImportSession) => (await s.list()).status,
    "GET /api/imports/{id}": async (s: ImportSession) => (await s.get(targets.read)).status,
    "PATCH /api/imports/{id}": async (s: ImportSession) => (await s.patch(targets.patch, { mapping: { description: null } })).status,
    "POST /api/imports/{id}/confirm": async (s: ImportSession) => (await s.confirm(targets.confirm)).status,
    "POST /api/imports/{id}/revert": async (s: ImportSession) => (await s.revert(targets.revert)).status,
    "GET /api/imports/{id}/errors": async (s: ImportSession) => (await s.errors(targets.read)).status,
  };
  const allowed: Record<keyof typeof calls, number> = {
    "POST /api/imports": 201,
    "GET /api/imports": 200,
    "GET /api/imports/{id}": 200,
    "PATCH /api/imports/{id}": 200,
    "POST /api/imports/{id}/confirm": 202,
    "POST /api/imports/{id}/revert": 202,
    "GET /api/imports/{id}/errors": 200,
  };

  describe.each(Object.keys(calls) as (keyof typeof calls)[])("%s", (name) => {
    it.each(["admin", "finance", "operator"] as const)("%s may", async (role) => {
      expect(await calls[name](sessions[role])).toBe(allowed[name]);
    });
    it.each(["executive", "staff"] as const)("%s gets 403", async (role) => {
      expect(await calls[name](sessions[role])).toBe(403);
    });
    it("another organization's member gets 404", async () => {
      expect(await calls[name](sessions.outsider)).toBe(404);
    });
  });

  it("another organization's member gets 404 for org A's imports from their own organization too", async () => {
    const own = new ImportSession(sessions.outsider.client, b.org.slug, db.engine());
    for (const status of [
      (await own.get(targets.read)).status,
      (await own.patch(targets.patch, { mapping: { description: null } })).status,
      (await own.confirm(targets.confirm)).status,
      (await own.revert(targets.revert)).status,
      (await own.errors(targets.read)).status,
    ]) {
      expect(status).toBe(404);
    }
    expect((await own.list()).json).toEqual({ items: [], total: 0 });
  });

  it("signed out gets 401", async () => {
    const anon = new ImportSession(new TestClient(), a.org.slug, db.engine());
    expect((await anon.list()).status).toBe(401);
    expect((await anon.upload(await small(), "purchase_orders")).status).toBe(401);
  });
});

describe("hostile and malformed uploads", () => {
  let world: World;
  let finance: ImportSession;

  beforeAll(async () => {
    world = await createOrgWithMembers(db.engine());
    finance = await session(world.members.finance.email, world.org.slug);
  });

  afterEach(() => {
    delete process.env.IMPORT_MAX_BYTES;
    delete process.env.IMPORT_MAX_ROWS;
    reloadConfig();
  });

  async function expectNothingLeft() {
    const rows = await q<{ imports: number; staged: number }>(sql`
      select (select count(*)::int from public.imports where org_id = ${world.org.id}) as imports,
             (select count(*)::int from public.import_rows where org_id = ${world.org.id}) as staged`);
    expect(rows[0]).toEqual({ imports: 0, staged: 0 });
    const folder = path.join(process.env.XEROPULSE_DATA_DIR!, "imports", world.org.id);
    expect(await readdir(folder).catch(() => [])).toEqual([]);
  }

  async function refused(bytes: Buffer, status: number, message: RegExp) {
    const res = await finance.upload(bytes, "purchase_orders");
    expect(res.status, JSON.stringify(res.json)).toBe(status);
    expect(res.json).toMatchObject({ code: expect.any(String), error: expect.stringMatching(message), requestId: expect.any(String) });
    await expectNothingLeft();
    return res.json as unknown as { error: string; details?: Record<string, string[]> };
  }

  const header = ["PO Number", "Supplier", "Order Value"];

  it("random bytes → 415", async () => {
    await refused(Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)), 415, /not an Excel workbook/);
  });

  it("a CSV renamed to .xlsx → 415", async () => {
    await refused(Buffer.from("PO Number,Supplier,Order Value\nPO-1,Acme,100\n"), 415, /not an Excel workbook/);
  });

  it("a Word document → 415", async () => {
    await refused(rawZip([{ name: "word/document.xml", data: "<w:document/>" }, { name: "[Content_Types].xml", data: "<Types/>" }]), 415, /Word document/);
  });

  it("a password-protected workbook (a CFB container) → 422", async () => {
    await refused(cfbFile(), 422, /password-protected/);
  });

  it("over IMPORT_MAX_BYTES → 413, whether the file or the whole request is too large", async () => {
    process.env.IMPORT_MAX_BYTES = "40000";
    reloadConfig();
    const rows = Array.from({ length: 5000 }, (_, i) => ({ poNumber: `PO-${i}`, supplier: `Supplier with a long name ${i}`, description: "x".repeat(40), orderValue: i }));
    const big = await poWorkbook(rows);
    expect(big.length).toBeGreaterThan(40000 + 64 * 1024);
    await refused(big, 413, /larger than/);
    const medium = await poWorkbook(rows.slice(0, 2000));
    expect(medium.length).toBeGreaterThan(40000);
    expect(medium.length).toBeLessThan(40000 + 64 * 1024);
    await refused(medium, 413, /the limit is/);
  });

  it("a zip bomb (a sheet that would inflate over 500:1) → 422 before inflating", async () => {
    const bomb = rawWorkbook(sheetXml([header]).replace("<sheetData>", `<sheetData>${" ".repeat(20 * 1024 * 1024)}`));
    expect(bomb.length).toBeLessThan(100_000);
    await refused(bomb, 422, /zip bomb/);
  });

  it("a zip bomb that declares a huge sheet → 422 from the directory alone", async () => {
    await refused(rawWorkbook(sheetXml([header]), { sheetDeclaredSize: 600 * 1024 * 1024 }), 422, /zip bomb/);
  });

  it("a zip directory that lies about a sheet's size → refused while inflating, memory capped", async () => {
    const xml = sheetXml([header, ...Array.from({ length: 3000 }, (_, i) => [`PO-${i}`, "Acme Supplies Limited", i])]);
    await refused(rawWorkbook(xml, { sheetDeclaredSize: 2000 }), 422, /beyond the size its zip directory declares|damaged/);
  });

  it("XML entity tricks (billion laughs, an external entity) → 422, nothing expanded", async () => {
    const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';
    await refused(rawWorkbook(sheetXml([header, ["&lol2;", "A", 1]], laughs).replace("&amp;lol2;", "&lol2;")), 422, /XML entities/);
    const xxe = '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>';
    await refused(rawWorkbook(sheetXml([header, ["&secret;", "A", 1]], xxe).replace("&amp;secret;", "&secret;")), 422, /XML entities/);
  });

  it("an empty sheet → 422 naming it", async () => {
    await refused(await workbook([{ name: "Blank", rows: [] }]), 422, /Sheet "Blank" is empty/);
  });

  it("no header matching a required column → 422 naming what is missing", async () => {
    const body = await refused(await workbook([{ name: "Data", rows: [["Foo", "Bar"], [1, 2]] }]), 422, /PO Number, Supplier, Order Value/);
    expect(body.details?.missing).toEqual(["PO Number", "Supplier", "Order Value"]);
  });

  it("more than IMPORT_MAX_ROWS rows → the import fails with the reason and stages nothing", async () => {
    process.env.IMPORT_MAX_ROWS = "5";
    reloadConfig();
    const other = await createOrgWithMembers(db.engine());
    const importer = await session(other.members.finance.email, other.org.slug);
    const res = await importer.upload(await poWorkbook(Array.from({ length: 8 }, (_, i) => ({ poNumber: `PO-${i}`, supplier: "A", orderValue: 1 }))), "purchase_orders");
    expect(res.status).toBe(201);
    await runJobs(db.engine());
    const view = (await importer.get(res.json.id)).json;
    expect(view).toMatchObject({ status: "failed", error: expect.stringContaining("more than 5 rows"), counts: { total: 0 }, canConfirm: false });
    expect(view.preview.rows).toEqual([]);
    expect((await importer.confirm(res.json.id)).status).toBe(409);
  });

  it("not multipart, no file, or a bad type → 415 / 422, nothing written", async () => {
    const json = await finance.client.call(importRoutes.upload, "/api/imports", { body: { type: "purchase_orders" }, headers: { "x-org-id": world.org.slug } });
    expect(json.status).toBe(415);
    const noFile = new FormData();
    noFile.set("type", "purchase_orders");
    const missing = await finance.client.call(importRoutes.upload, "/api/imports", { form: noFile, headers: { "x-org-id": world.org.slug } });
    expect(missing.status).toBe(422);
    expect(missing.json).toMatchObject({ code: "VALIDATION_FAILED", details: { file: expect.any(Array) } });
    const badType = await finance.client.call(importRoutes.upload, "/api/imports", { form: uploadForm(await poWorkbook([]), "invoices"), headers: { "x-org-id": world.org.slug } });
    expect(badType.status).toBe(422);
    expect(badType.json).toMatchObject({ details: { type: expect.any(Array) } });
    await expectNothingLeft();
  });

  it("reads formulas by their cached value; an error or no cached value is that cell's error", async () => {
    const xml = sheetXml([
      PO_HEADERS,
      ["PO-1", "A", null, { f: "SUM(1,1)", v: "2" }],
      ["PO-2", "B", null, { f: "1/0", t: "e", v: "#DIV/0!" }],
      ["PO-3", "C", null, { f: "D2*2" }],
      ["PO-4", { f: "\"Con\"&\"cat\"", t: "str", v: "Concat" }, null, { f: "0*1", v: "0" }],
    ]);
    // Stored with the sheet before the workbook part, an order exceljs alone trips over.
    const res = await finance.upload(rawWorkbook(xml, { order: "sheet-first" }), "purchase_orders");
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    await runJobs(db.engine());
    const rows = (await finance.get(res.json.id)).json.preview.rows;
    expect(rows.map((r) => [r.rowNumber, r.action, r.values.orderValue ?? null, r.errors.orderValue ?? null])).toEqual([
      [2, "create", "2.00", null],
      [3, "invalid", null, expect.stringMatching(/result is an error/)],
      [4, "invalid", null, expect.stringMatching(/no saved value/)],
      [5, "create", "0.00", null],
    ]);
    expect(rows[3]!.values.supplier).toBe("Concat");
  });

  it("answers in about two seconds for a 20,000-row workbook, then validates in the background", async () => {
    const big = await poWorkbook(Array.from({ length: 20_000 }, (_, i) => ({ poNumber: `PO-${i}`, supplier: `Supplier ${i % 50}`, orderValue: i })));
    const started = performance.now();
    const res = await finance.upload(big, "purchase_orders");
    const ms = performance.now() - started;
    expect(res.status).toBe(201);
    expect(res.json.status).toBe("validating");
    expect(ms).toBeLessThan(2_500);
  });
});

