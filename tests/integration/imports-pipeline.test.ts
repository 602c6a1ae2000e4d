/**
 * The import pipeline end to end, through the route handlers and the job code the worker runs:
 * upload → validate → preview → confirm → apply → undo, on PGlite and PostgreSQL.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/server/db";
import { sql } from "@/server/db/sql";
import { asServiceOn } from "@/server/db/transactions";
import { jobDatabase } from "@/server/jobs/job-database";
import type { JobDatabase } from "@edge-shared/db/database.ts";
import { importsRecoverSchedule } from "@edge-shared/jobs/kinds/import-process.ts";
import { enqueueScheduled } from "@edge-shared/jobs/worker.ts";
import { appJobRegistry } from "@/server/jobs/app-job-registry";
import { setupTestDatabase } from "../helpers/test-db";
import { createOrgWithMembers } from "../helpers/fixtures";
import { signIn } from "../helpers/sign-in";
import { ImportSession, runJobs } from "../helpers/imports";
import { manyPurchaseOrders, poWorkbook, qsWorkbook, workbook, PO_HEADERS } from "../helpers/workbooks";

const db = setupTestDatabase();

async function session(email: string, org: string) {
  return new ImportSession(await signIn(email), org, db.engine());
}

const q = <Row,>(query: ReturnType<typeof sql>) => asServiceOn(db.engine(), (tx) => tx.query<Row>(query));

async function newOrg() {
  const world = await createOrgWithMembers(db.engine());
  return { world, finance: await session(world.members.finance.email, world.org.slug) };
}

async function purchaseOrders(orgId: string) {
  return q<{ po_number: string; supplier: string; description: string | null; order_value: string; currency: string; order_date: string | null; status: string; spent: string; utilization_percent: string | null; version: number; import_id: string | null }>(sql`
    select po_number, supplier, description, order_value::text, currency, order_date::text, status, spent::text,
           utilization_percent::text, version, import_id
      from public.purchase_orders where org_id = ${orgId} order by po_number`);
}

describe("an import end to end", () => {
  let org: Awaited<ReturnType<typeof newOrg>>;
  beforeAll(async () => {
    org = await newOrg();
  });

  it("uploads, validates every cell, previews, confirms and applies; the same file again changes nothing", async () => {
    const file = await workbook([
      { name: "Notes", rows: [["This sheet explains nothing"]] },
      {
        name: "Orders",
        rows: [
          ["Acme purchase orders, exported 2026-02-01"],
          ["PO #", "Vendor", "Description", "Value", "Currency", "Date", "Job No", "Status"],
          ["PO-1", "Fitout Partners", "Partitions", "$12,500.00", "nzd", new Date(Date.UTC(2026, 0, 31)), "J-1", "Open"],
          ["PO-2", "Sparks Ltd", null, 8000, null, 46053, null, null],
          ["PO-3", "Plumb Co", "=HYPERLINK(\"http://evil\")", "(100.00)", "NZD", "2026-02-30", null, "pending"],
          ["PO-1", "Duplicate Ltd", null, 1, null, null, null, null],
          [null, null, null, null, null, null, null, null],
          ["PO-4", "Formula Co", null, { formula: "1000*1.5", result: 1500 }, null, "2026-03-01", null, "closed"],
        ],
      },
    ]);
    const up = await org.finance.upload(file, "purchase_orders", "orders.xlsx");
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({
      type: "purchase_orders", status: "validating", fileName: "orders.xlsx", sheet: "Orders", headerRow: 2,
      sheets: [{ name: "Notes", index: 0 }, { name: "Orders", index: 1 }],
      mapping: { poNumber: 0, supplier: 1, description: 2, orderValue: 3, currency: 4, orderDate: 5, jobNumber: 6, status: 7 },
      mappingSources: { supplier: "synonym", orderValue: "synonym", orderDate: "synonym" },
      missingFields: [],
    });

    await runJobs(db.engine());
    const ready = (await org.finance.get(up.json.id)).json;
    expect(ready.status).toBe("ready");
    expect(ready.counts).toEqual({ total: 5, valid: 3, invalid: 2, created: 3, updated: 0, unchanged: 0 });
    expect(ready.progress).toMatchObject({ phase: "validating", done: 5, percent: 100 });
    expect(ready.canConfirm).toBe(true);
    const byRow = Object.fromEntries(ready.preview.rows.map((r) => [r.rowNumber, r]));
    expect(Object.keys(byRow).map(Number)).toEqual([3, 4, 5, 6, 8]);
    expect(byRow[3]).toMatchObject({ action: "create", errors: {}, values: { poNumber: "PO-1", orderValue: "12500.00", currency: "NZD", orderDate: "2026-01-31", status: "open" } });
    // An empty currency is the organization's (USD for a new organization).
    expect(byRow[4]).toMatchObject({ action: "create", values: { orderValue: "8000.00", currency: "USD", orderDate: "2026-01-31" } });
    expect(byRow[5]!.action).toBe("invalid");
    expect(Object.keys(byRow[5]!.errors).sort()).toEqual(["orderDate", "orderValue", "status"]);
    expect(byRow[5]!.values).toMatchObject({ orderValue: "(100.00)", orderDate: "2026-02-30", status: "pending" });
    expect(byRow[6]!.errors.poNumber).toMatch(/Duplicate PO Number "PO-1": it is also in row 3/);
    expect(byRow[8]).toMatchObject({ action: "create", values: { orderValue: "1500.00", status: "closed" } });
    const errorsOnly = (await org.finance.get(up.json.id, true)).json.preview;
    expect(errorsOnly).toMatchObject({ errorsOnly: true, matching: 2 });
    expect(errorsOnly.rows.map((r) => r.rowNumber)).toEqual([5, 6]);

    const confirmed = await org.finance.confirm(up.json.id);
    expect(confirmed.status).toBe(202);
    expect(confirmed.json).toMatchObject({ created: true, import: { status: "processing" } });
    await runJobs(db.engine());
    const done = (await org.finance.get(up.json.id)).json;
    expect(done).toMatchObject({ status: "succeeded", counts: { total: 5, valid: 3, invalid: 2, created: 3, updated: 0, unchanged: 0 }, canRevert: true });
    expect(done.progress.percent).toBe(100);

    const pos = await purchaseOrders(org.world.org.id);
    expect(pos.map((p) => [p.po_number, p.supplier, p.order_value, p.currency, p.order_date, p.status])).toEqual([
      ["PO-1", "Fitout Partners", "12500.00", "NZD", "2026-01-31", "open"],
      ["PO-2", "Sparks Ltd", "8000.00", "USD", "2026-01-31", "open"],
      ["PO-4", "Formula Co", "1500.00", "USD", "2026-03-01", "closed"],
    ]);

    // The audit log has the confirmation, by the finance user.
    const audit = await q<{ action: string; actor_user_id: string }>(sql`
      select action, actor_user_id from public.audit_events where org_id = ${org.world.org.id} and target_id = ${up.json.id}`);
    expect(audit).toEqual([{ action: "import.confirmed", actor_user_id: org.world.members.finance.id }]);

    // The same file again: every valid row unchanged, nothing written.
    const again = await org.finance.validated(file);
    expect(again.counts).toMatchObject({ valid: 3, created: 0, updated: 0, unchanged: 3 });
    expect(again.mappingSources).toMatchObject({ poNumber: "remembered", supplier: "remembered" });
    await org.finance.confirm(again.id);
    await runJobs(db.engine());
    const second = (await org.finance.get(again.id)).json;
    expect(second).toMatchObject({ status: "succeeded", counts: { created: 0, updated: 0, unchanged: 3 } });
    const after = await purchaseOrders(org.world.org.id);
    expect(after.map((p) => [p.version, p.import_id])).toEqual(pos.map((p) => [p.version, p.import_id]));
    expect(await q(sql`select 1 from public.import_changes where import_id = ${again.id}`)).toEqual([]);

    // History lists both, newest first.
    const history = await org.finance.list();
    expect(history.json.items.map((i) => i.id)).toEqual([again.id, up.json.id]);
    expect(history.json.items[1]).toMatchObject({ createdBy: { email: org.world.members.finance.email }, confirmedBy: { id: org.world.members.finance.id } });
  });

  it("updates a changed row and leaves the rest unchanged", async () => {
    const { world, finance } = await newOrg();
    await finance.imported(await poWorkbook([{ poNumber: "PO-1", supplier: "A", orderValue: 100 }, { poNumber: "PO-2", supplier: "B", orderValue: 200 }]));
    const second = await finance.validated(await poWorkbook([{ poNumber: "PO-1", supplier: "A", orderValue: 100 }, { poNumber: "PO-2", supplier: "B", orderValue: 250, status: "closed" }]));
    expect(second.counts).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(second.preview.rows.map((r) => r.action)).toEqual(["unchanged", "update"]);
    await finance.confirm(second.id);
    await runJobs(db.engine());
    expect((await finance.get(second.id)).json.counts).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const pos = await purchaseOrders(world.org.id);
    expect(pos.map((p) => [p.po_number, p.order_value, p.status, p.version, p.import_id])).toEqual([
      ["PO-1", "100.00", "open", 1, pos[0]!.import_id],
      ["PO-2", "250.00", "closed", 2, second.id],
    ]);
    const changes = await q<{ row_key: string; previous: { order_value: number; status: string }; version_after: number }>(sql`
      select row_key, previous, version_after from public.import_changes where import_id = ${second.id}`);
    expect(changes).toEqual([{ row_key: "PO-2", previous: expect.objectContaining({ order_value: 200, status: "open" }), version_after: 2 }]);
  });

  it("imports quantity surveys against existing POs, refuses a QS whose PO is unknown, and keeps spent exact", async () => {
    const { world, finance } = await newOrg();
    await finance.imported(await poWorkbook([{ poNumber: "PO-1", supplier: "A", orderValue: 1000 }, { poNumber: "PO-ZERO", supplier: "Z", orderValue: 0 }]));
    const qs = await finance.validated(
      await qsWorkbook([
        { qsNumber: "QS-1", poNumber: "PO-1", valuationDate: "2026-01-31", amount: "500.10" },
        { qsNumber: "QS-2", poNumber: "PO-1", valuationDate: 46060, amount: "(0.10)" },
        { qsNumber: "QS-3", poNumber: "PO-404", valuationDate: "2026-02-01", amount: 5 },
        { qsNumber: "QS-4", poNumber: "PO-ZERO", valuationDate: "2026-02-01", amount: 5 },
      ]),
      "quantity_surveys",
    );
    expect(qs.counts).toMatchObject({ total: 4, valid: 3, invalid: 1, created: 3 });
    expect(qs.preview.rows[2]).toMatchObject({ rowNumber: 4, action: "invalid", errors: { poNumber: 'PO "PO-404" is not in this organization; import the purchase order first' } });
    await finance.confirm(qs.id);
    await runJobs(db.engine());
    expect((await finance.get(qs.id)).json).toMatchObject({ status: "succeeded", counts: { created: 3 } });
    const pos = await purchaseOrders(world.org.id);
    expect(pos.map((p) => [p.po_number, p.spent, p.utilization_percent])).toEqual([
      ["PO-1", "500.00", "50.00"],
      ["PO-ZERO", "5.00", null],
    ]);
  });
});

describe("a missing required column, a new mapping, a new sheet", () => {
  it("maps what it can, lists the missing field, and validates again after PATCH", async () => {
    const { world, finance } = await newOrg();
    const file = await workbook([
      { name: "Summary", rows: [["PO Number", "Notes"], ["PO-9", "nothing"]] },
      { name: "Data", rows: [["PO Number", "Who", "Order Value"], ["PO-1", "Acme", 10], ["PO-2", "Beta", "abc"]] },
    ]);
    const up = await finance.upload(file, "purchase_orders");
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({ sheet: "Data", mapping: { poNumber: 0, supplier: null, orderValue: 2 }, missingFields: ["supplier"] });
    await runJobs(db.engine());
    const first = (await finance.get(up.json.id)).json;
    expect(first).toMatchObject({ status: "ready", counts: { total: 2, valid: 0, invalid: 2 }, canConfirm: false });
    expect(first.preview.rows[0]!.errors).toEqual({ supplier: "No column is mapped to Supplier" });
    expect((await finance.confirm(up.json.id)).status).toBe(422);

    // Column B ("Who") is the supplier.
    const patched = await finance.patch(up.json.id, { mapping: { supplier: 1 } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ status: "validating", mapping: { supplier: 1 }, mappingSources: { supplier: "manual" }, missingFields: [] });
    await runJobs(db.engine());
    expect((await finance.get(up.json.id)).json.counts).toMatchObject({ total: 2, valid: 1, invalid: 1 });

    // Bad mappings are refused and change nothing.
    expect((await finance.patch(up.json.id, { mapping: { supplier: 9 } })).status).toBe(422);
    expect((await finance.patch(up.json.id, { mapping: { qsNumber: 0 } })).status).toBe(422);
    expect((await finance.patch(up.json.id, { sheet: "Nope" })).status).toBe(422);
    expect((await finance.patch(up.json.id, {})).status).toBe(422);

    // Another sheet: matched again from scratch.
    const other = await finance.patch(up.json.id, { sheet: "Summary" });
    expect(other.json).toMatchObject({ sheet: "Summary", mapping: { poNumber: 0, supplier: null }, missingFields: ["supplier", "orderValue"] });
    await runJobs(db.engine());
    expect((await finance.get(up.json.id)).json.counts).toMatchObject({ total: 1, valid: 0 });

    // Back to Data, mapped by hand, confirmed: the mapping is remembered for the next upload.
    await finance.patch(up.json.id, { sheet: "Data", mapping: { supplier: 1 } });
    await runJobs(db.engine());
    await finance.confirm(up.json.id);
    await runJobs(db.engine());
    expect((await finance.get(up.json.id)).json.status).toBe("succeeded");
    expect((await finance.patch(up.json.id, { mapping: { supplier: null } })).status).toBe(409);
    const next = await finance.upload(await workbook([{ name: "Data", rows: [["PO Number", "Who", "Order Value"], ["PO-3", "Gamma", 1]] }]), "purchase_orders");
    expect(next.json).toMatchObject({ mapping: { supplier: 1 }, mappingSources: { supplier: "remembered" }, missingFields: [] });
    expect(await purchaseOrders(world.org.id)).toHaveLength(1);
  });
});

describe("the error report", () => {
  it("lists every invalid cell with its original row, column, value and message, neutralized against formulas", async () => {
    const { finance } = await newOrg();
    const ready = await finance.validated(
      await workbook([{ name: "Orders", rows: [["Title row"], PO_HEADERS, ["PO-1", "=cmd|' /C calc'!A0", null, "=1+2", null, null, null, null], ["PO-2", "@SUM(A1)", null, 10, null, "31/01/2026", null, null]] }]),
    );
    expect(ready.counts).toMatchObject({ valid: 0, invalid: 2 });
    const res = await finance.errors(ready.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toContain('filename="upload-errors.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes! as unknown as ArrayBuffer);
    const rows = wb.getWorksheet("Errors")!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(["Row", "Column", "Field", "Value", "Message"]);
    expect(rows.slice(1)).toEqual([
      [3, "D (Order Value)", "Order Value", "'=1+2", expect.stringContaining("is not a number")],
      [4, "F (Order Date)", "Order Date", "31/01/2026", expect.stringContaining("is not a date")],
    ]);
    // No cell of the report is a formula.
    wb.getWorksheet("Errors")!.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it("stores formula-looking text as text, exactly", async () => {
    const { world, finance } = await newOrg();
    await finance.imported(await poWorkbook([{ poNumber: "PO-1", supplier: "=HYPERLINK(\"http://evil\",\"x\")", description: "+1-2", orderValue: 1 }]));
    expect((await purchaseOrders(world.org.id))[0]).toMatchObject({ supplier: "=HYPERLINK(\"http://evil\",\"x\")", description: "+1-2" });
  });
});

describe("resilience", () => {
  it("a worker killed mid-import is resumed by another without duplicates", async () => {
    const { world, finance } = await newOrg();
    const ready = await finance.validated(await poWorkbook(manyPurchaseOrders(12_000)));
    expect(ready.counts.valid).toBe(12_000);
    const { jobId } = (await finance.confirm(ready.id)).json;

    // The first worker freezes for good after its second batch committed (a killed process).
    let transactions = 0;
    let frozen = false;
    const real = jobDatabase(db.engine());
    const dying: JobDatabase = {
      transaction: (fn) => {
        if (frozen) return new Promise(() => undefined);
        return real.transaction(async (tx) => {
          const result = await fn(tx);
          const progressed = await tx.maybeOne<{ done: number }>(sql`select (progress ->> 'done')::int as done from public.jobs where id = ${jobId}`);
          if ((progressed?.done ?? 0) >= 5_000 && ++transactions > 0) frozen = true;
          return result;
        });
      },
    };
    void runJobs(db.engine(), { db: dying, workerId: "doomed" });
    await expect.poll(() => frozen, { timeout: 60_000 }).toBe(true);
    const midway = await q<{ n: number; checkpoint: number }>(sql`
      select (select count(*)::int from public.purchase_orders where org_id = ${world.org.id}) as n,
             (select checkpoint_row from public.imports where id = ${ready.id}) as checkpoint`);
    expect(midway[0]!.n).toBeGreaterThan(0);
    expect(midway[0]!.n).toBeLessThan(12_000);
    expect(midway[0]!.checkpoint).toBeGreaterThan(1);

    // Its lease runs out; another worker claims the job and resumes after the last committed batch.
    await q(sql`update public.jobs set locked_until = now() - interval '1 second' where id = ${jobId}`);
    await runJobs(db.engine(), { workerId: "rescuer" });
    const done = (await finance.get(ready.id)).json;
    expect(done).toMatchObject({ status: "succeeded", counts: { created: 12_000, updated: 0, unchanged: 0 } });
    const stats = await q<{ n: number; distinct: number; attempts: number }>(sql`
      select count(*)::int as n, count(distinct po_number)::int as distinct,
             (select attempts from public.jobs where id = ${jobId}) as attempts
        from public.purchase_orders where org_id = ${world.org.id}`);
    expect(stats[0]).toEqual({ n: 12_000, distinct: 12_000, attempts: 2 });
  }, 180_000);

  it("a failure mid-way leaves the data as it was", async () => {
    const { world, finance } = await newOrg();
    await finance.imported(await poWorkbook([{ poNumber: "PO-000002", supplier: "Original", orderValue: 5 }, { poNumber: "KEEP", supplier: "Kept", orderValue: 7 }]));
    const before = await purchaseOrders(world.org.id);
    // A trigger that refuses one row of the third batch, as a constraint would.
    await db.engine().transaction((tx) =>
      tx.query(sql`
        create or replace function public.test_refuse_po() returns trigger language plpgsql as $$
        begin
          if new.po_number = 'PO-011000' then raise exception 'refused by the test'; end if;
          return new;
        end $$`),
    );
    await db.engine().transaction((tx) => tx.query(sql`create trigger test_refuse_po before insert on public.purchase_orders for each row execute function public.test_refuse_po()`));
    try {
      const ready = await finance.validated(await poWorkbook(manyPurchaseOrders(12_000)));
      expect(ready.counts).toMatchObject({ created: 11_999, updated: 1 });
      await finance.confirm(ready.id);
      await runJobs(db.engine());
      const failed = (await finance.get(ready.id)).json;
      expect(failed.status).toBe("failed");
      expect(failed.error).toMatch(/refused by the test.*Nothing it wrote was kept/);
      // Two batches had committed (4,999 creates and the update, then 5,000 creates) when the third failed.
      expect(failed.result).toMatchObject({ deleted: 9_999, restored: 1, kept: [], keptTotal: 0 });
      expect(await purchaseOrders(world.org.id)).toEqual(before);
    } finally {
      await db.engine().transaction((tx) => tx.query(sql`drop trigger test_refuse_po on public.purchase_orders`));
    }
  }, 180_000);

  it("two confirms of one import run it once", async () => {
    const { world, finance } = await newOrg();
    const ready = await finance.validated(await poWorkbook(manyPurchaseOrders(50)));
    const [a, b] = await Promise.all([finance.confirm(ready.id), finance.confirm(ready.id)]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.json.jobId).toBe(b.json.jobId);
    expect([a.json.created, b.json.created].sort()).toEqual([false, true]);
    await runJobs(db.engine());
    const jobs = await q<{ n: number }>(sql`select count(*)::int as n from public.jobs where org_id = ${world.org.id} and kind = 'import.process'`);
    expect(jobs[0]!.n).toBe(1);
    expect((await finance.get(ready.id)).json.counts.created).toBe(50);
    // Confirming a finished import again is the same answer, not a second run.
    expect((await finance.confirm(ready.id)).json).toMatchObject({ jobId: a.json.jobId, created: false });
  });
});

describe("after an import", () => {
  it("asks for one alert evaluation of exactly the POs it touched", async () => {
    const { world, finance } = await newOrg();
    await finance.imported(await poWorkbook([{ poNumber: "PO-1", supplier: "A", orderValue: 20 }, { poNumber: "PO-2", supplier: "B", orderValue: 5 }]));
    const ids = await q<{ id: string }>(sql`select id from public.purchase_orders where org_id = ${world.org.id} order by id`);
    const jobs = await q<{ payload: { orgId: string; poIds: string[] } }>(sql`
      select payload from public.jobs where org_id = ${world.org.id} and kind = 'alerts.evaluate' and idempotency_key like '%import:%'`);
    expect(jobs.map((j) => ({ ...j.payload, poIds: [...j.payload.poIds].sort() }))).toEqual([{ orgId: world.org.id, poIds: ids.map((r) => r.id) }]);
  });

  it("an import whose job died is reverted by imports.recover, not left processing", async () => {
    const { world, finance } = await newOrg();
    const ready = await finance.validated(await poWorkbook(manyPurchaseOrders(6_000)));
    const { jobId } = (await finance.confirm(ready.id)).json;
    // One batch applied, then the job ended "stopped responding" (its worker died on its last attempt).
    const real = jobDatabase(db.engine());
    let batches = 0;
    const dying: JobDatabase = {
      transaction: (fn) => (batches >= 3 ? new Promise(() => undefined) : real.transaction(async (tx) => (batches++, fn(tx)))),
    };
    void runJobs(db.engine(), { db: dying, workerId: "doomed" });
    await expect.poll(async () => (await q<{ n: number }>(sql`select count(*)::int as n from public.purchase_orders where org_id = ${world.org.id}`))[0]!.n, { timeout: 60_000 }).toBeGreaterThan(0);
    await q(sql`update public.jobs set status = 'failed', error = 'stopped responding', lease_token = null, finished_at = now() where id = ${jobId}`);
    await enqueueScheduled(jobDatabase(db.engine()), appJobRegistry, [importsRecoverSchedule]);
    await runJobs(db.engine());
    const view = (await finance.get(ready.id)).json;
    expect(view).toMatchObject({ status: "failed", error: expect.stringContaining("stopped before it finished") });
    expect(await q(sql`select 1 from public.purchase_orders where org_id = ${world.org.id}`)).toEqual([]);
  }, 120_000);
});

describe("undo", () => {
  it("deletes what the import created, restores what it updated, and keeps rows edited since", async () => {
    const { world, finance } = await newOrg();
    await finance.imported(await poWorkbook([{ poNumber: "OLD", supplier: "Before", orderValue: 100, status: "open" }]));
    const target = await finance.imported(
      await poWorkbook([
        { poNumber: "OLD", supplier: "After", orderValue: 150, status: "closed" },
        { poNumber: "NEW-1", supplier: "N1", orderValue: 1 },
        { poNumber: "NEW-2", supplier: "N2", orderValue: 2 },
        { poNumber: "NEW-3", supplier: "N3", orderValue: 3 },
      ]),
    );
    expect(target.counts).toMatchObject({ created: 3, updated: 1 });
    // Since then: NEW-2 edited by another import, NEW-3 got a quantity survey.
    await finance.imported(await poWorkbook([{ poNumber: "NEW-2", supplier: "Edited later", orderValue: 2 }]));
    await finance.imported(await qsWorkbook([{ qsNumber: "QS-1", poNumber: "NEW-3", valuationDate: "2026-01-01", amount: 1 }]), "quantity_surveys");

    const undo = await finance.revert(target.id);
    expect(undo.status).toBe(202);
    expect(undo.json).toMatchObject({ created: true, import: { status: "reverting", canRevert: false } });
    expect((await finance.revert(target.id)).json).toMatchObject({ jobId: undo.json.jobId, created: false });
    await runJobs(db.engine());
    const reverted = (await finance.get(target.id)).json;
    expect(reverted.status).toBe("reverted");
    expect(reverted.revertedAt).not.toBeNull();
    expect(reverted.revertRequestedBy).toMatchObject({ id: world.members.finance.id });
    expect(reverted.result).toEqual({
      deleted: 1,
      restored: 1,
      kept: [
        { table: "purchase_orders", key: "NEW-2", reason: "edited_since" },
        { table: "purchase_orders", key: "NEW-3", reason: "has_quantity_surveys" },
      ],
      keptTotal: 2,
    });
    const pos = await purchaseOrders(world.org.id);
    expect(pos.map((p) => [p.po_number, p.supplier, p.order_value, p.status])).toEqual([
      ["NEW-2", "Edited later", "2.00", "open"],
      ["NEW-3", "N3", "3.00", "open"],
      ["OLD", "Before", "100.00", "open"],
    ]);
    expect(pos.find((p) => p.po_number === "OLD")!.version).toBe(1);
    const audit = await q<{ action: string }>(sql`select action from public.audit_events where target_id = ${target.id} order by id`);
    expect(audit.map((a) => a.action)).toEqual(["import.confirmed", "import.revert_requested"]);
    // Only a finished import can be undone, once.
    expect((await finance.revert(target.id)).json).toMatchObject({ created: false });
    const pending = await finance.validated(await poWorkbook([{ poNumber: "X", supplier: "x", orderValue: 1 }]));
    expect((await finance.revert(pending.id)).status).toBe(409);
  });

  it("undoes a quantity-survey import and its spend", async () => {
    const { world, finance } = await newOrg();
    await finance.imported(await poWorkbook([{ poNumber: "PO-1", supplier: "A", orderValue: 100 }]));
    await finance.imported(await qsWorkbook([{ qsNumber: "QS-1", poNumber: "PO-1", valuationDate: "2026-01-01", amount: 10 }]), "quantity_surveys");
    const second = await finance.imported(
      await qsWorkbook([
        { qsNumber: "QS-1", poNumber: "PO-1", valuationDate: "2026-01-01", amount: 30 },
        { qsNumber: "QS-2", poNumber: "PO-1", valuationDate: "2026-02-01", amount: 50 },
      ]),
      "quantity_surveys",
    );
    expect((await purchaseOrders(world.org.id))[0]).toMatchObject({ spent: "80.00", utilization_percent: "80.00" });
    await finance.revert(second.id);
    await runJobs(db.engine());
    expect((await finance.get(second.id)).json.result).toMatchObject({ deleted: 1, restored: 1, keptTotal: 0 });
    expect((await purchaseOrders(world.org.id))[0]).toMatchObject({ spent: "10.00", utilization_percent: "10.00" });
  });
});

// Keeps the type import used when only some tests run.
export type { Engine };
