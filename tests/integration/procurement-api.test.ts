/**
 * The procurement read API over HTTP (route handlers in-process): purchase orders (search, status,
 * each sort in both directions, paging with totals, levels from the organization's thresholds, the
 * CSV export with its formulas neutralized), one PO with its quantity surveys, spend series and
 * imports, the quantity-survey list, and the role matrix with organizations kept apart. POs and QSs
 * are written as the service role, the way the import job and the demo seed write them.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET as listPos } from "@/app/api/purchase-orders/route";
import { GET as getPo } from "@/app/api/purchase-orders/[id]/route";
import { GET as listQss } from "@/app/api/quantity-surveys/route";
import { sql } from "@/server/db/sql";
import { asServiceOn } from "@/server/db/transactions";
import { ROLES, type Role } from "@/lib/permissions";
import type { PurchaseOrderDetailView, PurchaseOrderListView, QuantitySurveyListView } from "@/lib/procurement-views";
import { setupTestDatabase } from "../helpers/test-db";
import { createOrgWithMembers } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";

const db = setupTestDatabase();
type World = Awaited<ReturnType<typeof createOrgWithMembers>>;

const service = <Row,>(q: ReturnType<typeof sql>) => asServiceOn(db.engine(), (tx) => tx.query<Row>(q));

interface SeedPo {
  number: string;
  supplier: string;
  description?: string | null;
  value: string;
  date?: string | null;
  status?: "open" | "closed" | "cancelled";
  jobNumber?: string | null;
  /** [QS number, valuation date, amount] */
  surveys?: [string, string, string][];
}

async function seedPo(orgId: string, po: SeedPo): Promise<string> {
  const [row] = await service<{ id: string }>(sql`
    insert into public.purchase_orders (org_id, po_number, supplier, description, order_value, currency, order_date, status, job_number)
    values (${orgId}, ${po.number}, ${po.supplier}, ${po.description ?? null}, ${po.value}, 'NZD', ${po.date ?? null}, ${po.status ?? "open"}, ${po.jobNumber ?? null})
    returning id`);
  for (const [qs, date, amount] of po.surveys ?? []) {
    await service(sql`
      insert into public.quantity_surveys (org_id, qs_number, po_id, valuation_date, amount, description)
      values (${orgId}, ${qs}, ${row!.id}, ${date}, ${amount}, ${`Valuation ${qs}`})`);
  }
  return row!.id;
}

/** GET as a raw Response (CSV is not JSON). */
async function rawGet(client: TestClient, path: string, orgSlug: string): Promise<Response> {
  const headers = { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "), "x-org-id": orgSlug };
  return listPos(new NextRequest(new URL(path, "http://localhost:3000"), { headers }), { params: Promise.resolve({}) });
}

/** A tiny CSV reader for the export's own output (quoted cells, doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(cell); cell = ""; }
    else if (ch === "\r" && text[i + 1] === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; i++; }
    else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

describe("procurement API", () => {
  let acme: World;
  let globex: World;
  const clients = {} as Record<Role | "globex admin" | "anonymous", TestClient>;
  const headers = () => ({ "x-org-id": acme.org.slug });
  const ids: Record<string, string> = {};
  let globexPo: string;

  beforeAll(async () => {
    acme = await createOrgWithMembers(db.engine(), "acme-po");
    globex = await createOrgWithMembers(db.engine(), "globex-po");
    for (const role of ROLES) clients[role] = await signIn(acme.members[role].email);
    clients["globex admin"] = await signIn(globex.members.admin.email);
    clients.anonymous = new TestClient();

    await service(sql`
      insert into public.xpm_jobs (org_id, external_id, job_number, client_external_id, name, state)
      values (${acme.org.id}, 'job-1', 'J-100', 'c-1', 'Level 3 fit-out', 'In Progress')`);
    // 75.00 % exactly (warning), 95 % (critical), 120 % (over budget), value 0 with spend (over
    // budget, no percentage), nothing spent (on track).
    ids.po1 = await seedPo(acme.org.id, {
      number: "PO-1001", supplier: "Kauri Interiors Ltd", description: "Level 3 partitioning", value: "1000.00", date: "2026-01-10", jobNumber: "J-100",
      surveys: [["QS-3", "2026-03-01", "500.00"], ["QS-1", "2026-02-01", "250.10"], ["QS-2", "2026-02-01", "-0.10"]],
    });
    ids.po2 = await seedPo(acme.org.id, {
      number: "PO-1002", supplier: "Southern Cross Electrical", description: "Switchboard upgrade", value: "2000.00", date: "2026-02-01",
      surveys: [["QS-4", "2026-02-15", "1900.00"]],
    });
    ids.po3 = await seedPo(acme.org.id, {
      number: "PO-1003", supplier: "=HYPERLINK(\"http://evil.test\",\"click\")", description: "+cmd|' /C calc'!A0", value: "500.00", date: null,
      surveys: [["QS-5", "2026-03-10", "600.00"]],
    });
    ids.po4 = await seedPo(acme.org.id, {
      number: "PO-1004", supplier: "Harbour Joinery", description: "@SUM(1+1) variations", value: "0", date: "2025-12-01", status: "closed",
      surveys: [["QS-6", "2026-01-05", "10.00"]],
    });
    ids.po5 = await seedPo(acme.org.id, {
      number: "PO-1005", supplier: "Tasman 100% Flooring_co", description: null, value: "300.00", date: "2026-03-01", status: "cancelled",
    });
    globexPo = await seedPo(globex.org.id, {
      number: "PO-1001", supplier: "Kauri Interiors Ltd", description: "Globex's own", value: "10.00", date: "2026-01-01",
      surveys: [["QS-1", "2026-01-02", "1.00"]],
    });
  });

  const list = (query: Record<string, string> = {}, client: TestClient = clients.finance) =>
    client.call<PurchaseOrderListView>(listPos, "/api/purchase-orders", { headers: headers(), query });
  const numbers = (res: { json: PurchaseOrderListView }) => res.json.items.map((po) => po.poNumber);

  describe("role matrix", () => {
    it("lets admin, executive, finance and operator read every route; staff get 403, another organization's member 404, nobody signed in 401", async () => {
      const routes = [
        { name: "list", call: (c: TestClient, h: Record<string, string>) => c.call(listPos, "/api/purchase-orders", { headers: h }) },
        { name: "csv", call: (c: TestClient, h: Record<string, string>) => c.call(listPos, "/api/purchase-orders", { headers: h, query: { format: "csv", q: "zzz-no-match" } }) },
        { name: "detail", call: (c: TestClient, h: Record<string, string>) => c.call(getPo, `/api/purchase-orders/${ids.po1}`, { headers: h, params: { id: ids.po1! } }) },
        { name: "quantity surveys", call: (c: TestClient, h: Record<string, string>) => c.call(listQss, "/api/quantity-surveys", { headers: h }) },
      ];
      for (const r of routes) {
        for (const role of ["admin", "executive", "finance", "operator"] as const) {
          // The CSV answer is not JSON: TestClient would fail to parse it, so check the status only.
          if (r.name === "csv") {
            const res = await rawGet(clients[role], "/api/purchase-orders?format=csv", acme.org.slug);
            expect(res.status, `${role} ${r.name}`).toBe(200);
            continue;
          }
          expect((await r.call(clients[role], headers())).status, `${role} ${r.name}`).toBe(200);
        }
        const staff = await r.call(clients.staff, headers());
        expect(staff.status, `staff ${r.name}`).toBe(403);
        expect(staff.json).toMatchObject({ code: "FORBIDDEN", requestId: expect.any(String) });
        const outsider = await r.call(clients["globex admin"], headers());
        expect(outsider.status, `globex admin ${r.name}`).toBe(404);
        expect(outsider.json.code).toBe("NOT_FOUND");
        expect((await r.call(clients.anonymous, headers())).status, `anonymous ${r.name}`).toBe(401);
      }
    });

    it("answers 404 for another organization's PO in the caller's own organization, for an unknown id and for a malformed one", async () => {
      const own = { "x-org-id": globex.org.slug };
      const foreign = await clients["globex admin"].call(getPo, `/api/purchase-orders/${ids.po1}`, { headers: own, params: { id: ids.po1! } });
      expect(foreign.status).toBe(404);
      expect(foreign.json.code).toBe("NOT_FOUND");
      const theirs = await clients.admin.call(getPo, `/api/purchase-orders/${globexPo}`, { headers: headers(), params: { id: globexPo } });
      expect(theirs.status).toBe(404);
      const unknown = randomUUID();
      expect((await clients.finance.call(getPo, `/api/purchase-orders/${unknown}`, { headers: headers(), params: { id: unknown } })).status).toBe(404);
      expect((await clients.finance.call(getPo, "/api/purchase-orders/nope", { headers: headers(), params: { id: "nope" } })).status).toBe(404);

      // Each organization's list holds its own POs only, though both have a PO-1001.
      const globexList = await clients["globex admin"].call<PurchaseOrderListView>(listPos, "/api/purchase-orders", { headers: own });
      expect(globexList.json.items.map((po) => po.id)).toEqual([globexPo]);
      expect((await list()).json.items.map((po) => po.id)).not.toContain(globexPo);
      const qs = await clients.finance.call<QuantitySurveyListView>(listQss, "/api/quantity-surveys", { headers: headers(), query: { pageSize: "100" } });
      expect(qs.json.items.every((q) => q.poId !== globexPo)).toBe(true);
    });
  });

  describe("GET /api/purchase-orders", () => {
    it("returns each PO with exact money, utilization, its level against the organization's thresholds, and the total", async () => {
      const res = await list({ sort: "value", dir: "desc" });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ total: 5, totalCapped: false, page: 1, pageSize: 25, thresholds: { warningPct: 75, criticalPct: 90, overBudgetPct: 100 } });
      const by = Object.fromEntries(res.json.items.map((po) => [po.poNumber, po]));
      expect(by["PO-1001"]).toEqual({
        id: ids.po1, poNumber: "PO-1001", supplier: "Kauri Interiors Ltd", description: "Level 3 partitioning",
        orderValue: "1000.00", currency: "NZD", orderDate: "2026-01-10", jobNumber: "J-100", job: { id: expect.any(String), name: "Level 3 fit-out" },
        status: "open", spent: "750.00", utilizationPercent: "75.00", level: "warning", source: "manual", importId: null,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(by["PO-1002"]).toMatchObject({ spent: "1900.00", utilizationPercent: "95.00", level: "critical", job: null });
      expect(by["PO-1003"]).toMatchObject({ spent: "600.00", utilizationPercent: "120.00", level: "over_budget", orderDate: null });
      expect(by["PO-1004"]).toMatchObject({ orderValue: "0.00", spent: "10.00", utilizationPercent: null, level: "over_budget", status: "closed" });
      expect(by["PO-1005"]).toMatchObject({ spent: "0.00", utilizationPercent: "0.00", level: "on_track", status: "cancelled" });
    });

    it("follows the organization's own thresholds", async () => {
      await service(sql`update public.organizations set alert_warning_pct = 50, alert_critical_pct = 76, alert_over_budget_pct = 150 where id = ${acme.org.id}`);
      try {
        const res = await list();
        const level = Object.fromEntries(res.json.items.map((po) => [po.poNumber, po.level]));
        expect(res.json.thresholds).toEqual({ warningPct: 50, criticalPct: 76, overBudgetPct: 150 });
        expect(level).toMatchObject({ "PO-1001": "warning", "PO-1002": "critical", "PO-1003": "critical", "PO-1004": "over_budget", "PO-1005": "on_track" });
      } finally {
        await service(sql`update public.organizations set alert_warning_pct = 75, alert_critical_pct = 90, alert_over_budget_pct = 100 where id = ${acme.org.id}`);
      }
    });

    it("searches PO number, supplier and description, ignoring case, with % and _ taken literally", async () => {
      expect(numbers(await list({ q: "po-1002" }))).toEqual(["PO-1002"]);
      expect(numbers(await list({ q: "KAURI" }))).toEqual(["PO-1001"]);
      expect(numbers(await list({ q: "partition" }))).toEqual(["PO-1001"]);
      expect(numbers(await list({ q: "100%" }))).toEqual(["PO-1005"]);
      expect(numbers(await list({ q: "_" }))).toEqual(["PO-1005"]);
      const none = await list({ q: "no such thing" });
      expect(none.json).toMatchObject({ items: [], total: 0 });
      // Blank search is no search.
      expect((await list({ q: "   " })).json.total).toBe(5);
    });

    it("filters by status, also together with a search", async () => {
      expect(numbers(await list({ status: "open", sort: "value", dir: "asc" }))).toEqual(["PO-1003", "PO-1001", "PO-1002"]);
      expect((await list({ status: "closed" })).json).toMatchObject({ total: 1, items: [{ poNumber: "PO-1004" }] });
      expect((await list({ status: "cancelled", q: "kauri" })).json).toMatchObject({ total: 0, items: [] });
    });

    it("sorts by utilization, value and date in both directions, blanks last and a zero-value PO with spend above every percentage", async () => {
      expect(numbers(await list({ sort: "utilization", dir: "desc" }))).toEqual(["PO-1004", "PO-1003", "PO-1002", "PO-1001", "PO-1005"]);
      expect(numbers(await list({ sort: "utilization", dir: "asc" }))).toEqual(["PO-1005", "PO-1001", "PO-1002", "PO-1003", "PO-1004"]);
      expect(numbers(await list({ sort: "value", dir: "desc" }))).toEqual(["PO-1002", "PO-1001", "PO-1003", "PO-1005", "PO-1004"]);
      expect(numbers(await list({ sort: "value", dir: "asc" }))).toEqual(["PO-1004", "PO-1005", "PO-1003", "PO-1001", "PO-1002"]);
      expect(numbers(await list({ sort: "date", dir: "desc" }))).toEqual(["PO-1005", "PO-1002", "PO-1001", "PO-1004", "PO-1003"]);
      expect(numbers(await list({ sort: "date", dir: "asc" }))).toEqual(["PO-1004", "PO-1001", "PO-1002", "PO-1005", "PO-1003"]);
      // The default: most used budget first.
      expect(numbers(await list())).toEqual(["PO-1004", "PO-1003", "PO-1002", "PO-1001", "PO-1005"]);
    });

    it("pages with a stable order and the same total on every page", async () => {
      const seen: string[] = [];
      for (const page of ["1", "2", "3"]) {
        const res = await list({ sort: "date", dir: "desc", pageSize: "2", page });
        expect(res.json).toMatchObject({ total: 5, page: Number(page), pageSize: 2 });
        seen.push(...numbers(res));
      }
      expect(seen).toEqual(["PO-1005", "PO-1002", "PO-1001", "PO-1004", "PO-1003"]);
      expect((await list({ pageSize: "2", page: "4" })).json).toMatchObject({ items: [], total: 5 });
    });

    it("refuses bad parameters with 422 and the field at fault", async () => {
      const bad: Record<string, string>[] = [{ sort: "supplier" }, { dir: "up" }, { status: "draft" }, { page: "0" }, { pageSize: "101" }, { format: "xml" }, { q: "x".repeat(201) }];
      for (const query of bad) {
        const res = await list(query);
        expect(res.status, JSON.stringify(query)).toBe(422);
        expect((res.json as unknown as { code: string }).code).toBe("VALIDATION_FAILED");
        expect(Object.keys((res.json as unknown as { details: Record<string, unknown> }).details)).toEqual(Object.keys(query));
      }
    });
  });

  describe("CSV export", () => {
    it("downloads every matching PO in the list's order, with formulas neutralized and numbers left as numbers", async () => {
      const res = await rawGet(clients.finance, "/api/purchase-orders?format=csv&sort=utilization&dir=desc&pageSize=1", acme.org.slug);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="purchase-orders-acme-po-\d{4}-\d\d-\d\d\.csv"$/);
      const text = await res.text();
      expect(text.endsWith("\r\n")).toBe(true);
      const rows = parseCsv(text);
      expect(rows[0]).toEqual(["PO Number", "Supplier", "Description", "Order Value", "Currency", "Order Date", "Job Number", "Status", "Spent", "Utilization %", "Level", "Source", "Updated At"]);
      // Not one page: every PO.
      expect(rows.slice(1).map((r) => r[0])).toEqual(["PO-1004", "PO-1003", "PO-1002", "PO-1001", "PO-1005"]);
      const po3 = rows.find((r) => r[0] === "PO-1003")!;
      expect(po3.slice(1, 3)).toEqual(["'=HYPERLINK(\"http://evil.test\",\"click\")", "'+cmd|' /C calc'!A0"]);
      expect(rows.find((r) => r[0] === "PO-1004")!.slice(2, 12)).toEqual(["'@SUM(1+1) variations", "0.00", "NZD", "2025-12-01", "", "closed", "10.00", "", "over_budget", "manual"]);
      expect(rows.find((r) => r[0] === "PO-1001")!.slice(3, 11)).toEqual(["1000.00", "NZD", "2026-01-10", "J-100", "open", "750.00", "75.00", "warning"]);
      // No cell of the file starts a formula.
      for (const row of rows.slice(1)) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+@]|^-(?!\d)/);
    });

    it("respects the filters", async () => {
      const rows = parseCsv(await (await rawGet(clients.operator, "/api/purchase-orders?format=csv&status=open&q=e&sort=value&dir=asc", acme.org.slug)).text());
      expect(rows.slice(1).map((r) => r[0])).toEqual(["PO-1003", "PO-1001", "PO-1002"]);
      const empty = parseCsv(await (await rawGet(clients.operator, "/api/purchase-orders?format=csv&q=nothing-matches", acme.org.slug)).text());
      expect(empty).toHaveLength(1);
    });
  });

  describe("GET /api/purchase-orders/{id}", () => {
    it("gives the PO with its quantity surveys oldest first, the cumulative spend per date, and the imports that wrote it", async () => {
      const [imp] = await service<{ id: string }>(sql`
        insert into public.imports (org_id, type, status, file_name, file_size, file_sha256, storage_path, created_by, created_at)
        values (${acme.org.id}, 'purchase_orders', 'succeeded', 'orders.xlsx', 2048, ${"c".repeat(64)}, 'x/y.xlsx', ${acme.members.finance.id}, now() - interval '1 day')
        returning id`);
      const [qsImp] = await service<{ id: string }>(sql`
        insert into public.imports (org_id, type, status, file_name, file_size, file_sha256, storage_path, created_by)
        values (${acme.org.id}, 'quantity_surveys', 'succeeded', 'valuations.xlsx', 1024, ${"d".repeat(64)}, 'x/z.xlsx', ${acme.members.operator.id})
        returning id`);
      await service(sql`update public.purchase_orders set created_import_id = ${imp!.id}, import_id = ${imp!.id}, source = 'import' where id = ${ids.po1}`);
      await service(sql`update public.quantity_surveys set import_id = ${qsImp!.id}, created_import_id = ${qsImp!.id} where qs_number = 'QS-3' and org_id = ${acme.org.id}`);

      const res = await clients.executive.call<PurchaseOrderDetailView>(getPo, `/api/purchase-orders/${ids.po1}`, { headers: headers(), params: { id: ids.po1! } });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ id: ids.po1, poNumber: "PO-1001", spent: "750.00", level: "warning", source: "import", importId: imp!.id, quantitySurveyTotal: 3 });
      expect(res.json.quantitySurveys.map((q) => [q.qsNumber, q.valuationDate, q.amount])).toEqual([
        ["QS-1", "2026-02-01", "250.10"],
        ["QS-2", "2026-02-01", "-0.10"],
        ["QS-3", "2026-03-01", "500.00"],
      ]);
      expect(res.json.quantitySurveys[2]).toMatchObject({ poId: ids.po1, poNumber: "PO-1001", importId: qsImp!.id, description: "Valuation QS-3" });
      expect(res.json.spendSeries).toEqual([
        { date: "2026-02-01", amount: "250.00", cumulative: "250.00" },
        { date: "2026-03-01", amount: "500.00", cumulative: "750.00" },
      ]);
      expect(res.json.imports).toEqual([
        { id: qsImp!.id, type: "quantity_surveys", fileName: "valuations.xlsx", status: "succeeded", effects: ["quantity_surveys"], createdAt: expect.any(String),
          createdBy: { id: acme.members.operator.id, email: acme.members.operator.email, name: null } },
        { id: imp!.id, type: "purchase_orders", fileName: "orders.xlsx", status: "succeeded", effects: ["created"], createdAt: expect.any(String),
          createdBy: { id: acme.members.finance.id, email: acme.members.finance.email, name: null } },
      ]);
      expect(res.json.thresholds).toEqual({ warningPct: 75, criticalPct: 90, overBudgetPct: 100 });
    });

    it("gives a PO without quantity surveys an empty list and series", async () => {
      const res = await clients.finance.call<PurchaseOrderDetailView>(getPo, `/api/purchase-orders/${ids.po5}`, { headers: headers(), params: { id: ids.po5! } });
      expect(res.json).toMatchObject({ quantitySurveys: [], quantitySurveyTotal: 0, spendSeries: [], imports: [], utilizationPercent: "0.00" });
    });
  });

  describe("GET /api/quantity-surveys", () => {
    it("lists newest valuation first with each QS's PO number, pages with a total, and filters by PO number", async () => {
      const all = await clients.operator.call<QuantitySurveyListView>(listQss, "/api/quantity-surveys", { headers: headers() });
      expect(all.json.total).toBe(6);
      expect(all.json.items.map((q) => q.qsNumber)).toEqual(["QS-5", "QS-3", "QS-4", expect.stringMatching(/^QS-[12]$/), expect.stringMatching(/^QS-[12]$/), "QS-6"]);
      expect(all.json.items[0]).toMatchObject({ qsNumber: "QS-5", poNumber: "PO-1003", poId: ids.po3, currency: "NZD", valuationDate: "2026-03-10", amount: "600.00", source: "manual" });

      const pages = [];
      for (const page of ["1", "2"]) {
        const res = await clients.operator.call<QuantitySurveyListView>(listQss, "/api/quantity-surveys", { headers: headers(), query: { page, pageSize: "4" } });
        expect(res.json).toMatchObject({ total: 6, page: Number(page), pageSize: 4 });
        pages.push(...res.json.items.map((q) => q.id));
      }
      expect(pages).toEqual(all.json.items.map((q) => q.id));

      const ofPo = await clients.operator.call<QuantitySurveyListView>(listQss, "/api/quantity-surveys", { headers: headers(), query: { poNumber: "PO-1001" } });
      expect(ofPo.json.total).toBe(3);
      expect(ofPo.json.items.map((q) => q.poNumber)).toEqual(["PO-1001", "PO-1001", "PO-1001"]);
      const unknown = await clients.operator.call<QuantitySurveyListView>(listQss, "/api/quantity-surveys", { headers: headers(), query: { poNumber: "PO-9999" } });
      expect(unknown.json).toMatchObject({ items: [], total: 0 });
      expect((await clients.operator.call(listQss, "/api/quantity-surveys", { headers: headers(), query: { pageSize: "0" } })).status).toBe(422);
    });

    it("counts at most 10,000 rows past the page: a lower bound with totalCapped, exact near the end", async () => {
      const big = await createOrgWithMembers(db.engine(), "big-qs");
      const reader = await signIn(big.members.finance.email);
      const po = await seedPo(big.org.id, { number: "PO-BIG", supplier: "Big Ltd", value: "1000000.00", date: "2026-01-01" });
      await service(sql`
        insert into public.quantity_surveys (org_id, qs_number, po_id, valuation_date, amount)
        select ${big.org.id}, 'QS-' || i, ${po}, date '2026-01-01' + (i % 300), 1 from generate_series(1, 10050) as i`);
      const h = { "x-org-id": big.org.slug };
      const first = await reader.call<QuantitySurveyListView>(listQss, "/api/quantity-surveys", { headers: h, query: { pageSize: "50" } });
      expect(first.json).toMatchObject({ total: 10000, totalCapped: true });
      expect(first.json.items).toHaveLength(50);
      const near = await reader.call<QuantitySurveyListView>(listQss, "/api/quantity-surveys", { headers: h, query: { pageSize: "50", page: "200" } });
      expect(near.json).toMatchObject({ total: 10050, totalCapped: false });
      const last = await reader.call<QuantitySurveyListView>(listQss, "/api/quantity-surveys", { headers: h, query: { pageSize: "50", page: "202" } });
      expect(last.json).toMatchObject({ total: 10050, totalCapped: false, items: [] });
      const ofPo = await reader.call<QuantitySurveyListView>(listQss, "/api/quantity-surveys", { headers: h, query: { poNumber: "PO-BIG", pageSize: "100", page: "100" } });
      expect(ofPo.json).toMatchObject({ total: 10050, totalCapped: false });
      expect(ofPo.json.items).toHaveLength(100);
    });
  });
});
