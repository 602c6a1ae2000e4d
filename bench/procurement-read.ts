import { randomUUID } from "node:crypto";
import type { Engine, Tx } from "@/server/db";
import { sql } from "@/server/db";
import { asServiceOn, asUserOn, type Claims } from "@/server/db/transactions";
import { migrate } from "@/server/db/migrate";
import { provisionMembership } from "@/server/orgs/provision-membership";
import { provisionOrganization } from "@/server/orgs/provision-organization";
import { provisionUser } from "@/server/orgs/provision-user";
import { exportPurchaseOrdersCsv } from "@/server/procurement/export-purchase-orders-csv";
import { getPurchaseOrder } from "@/server/procurement/get-purchase-order";
import { listPurchaseOrders } from "@/server/procurement/list-purchase-orders";
import { listQuantitySurveys } from "@/server/procurement/list-quantity-surveys";
import { recordFigure } from "./record-figure";
import { percentile, round, timeInterleaved, writeResult } from "./stats";

const POS = Number(process.env.BENCH_POS ?? 100_000);
const QSS = Number(process.env.BENCH_QSS ?? 1_000_000);
const RUNS = 10;

/**
 * The procurement pages' queries as a finance member (RLS) against the same service calls as the
 * service role (the floor), over POS purchase orders with QSS quantity surveys in one organization:
 * the PO list in each sort (a first page, a deep page, a filtered one, a search), a PO's page, the
 * QS list (all, one PO's), and the CSV export of every PO once.
 */
export async function benchProcurementRead(engine: Engine, label: string): Promise<void> {
  await migrate(engine, { localBootstrap: true });
  const started = performance.now();
  const { orgId, claims, poId } = await engine.transaction(async (tx) => {
    const orgId = await provisionOrganization(tx, { slug: `bench-po-${randomUUID().slice(0, 8)}`, name: "Bench" });
    const email = `bench-po-${randomUUID().slice(0, 8)}@example.test`;
    const userId = await provisionUser(tx, { email, password: "bench-password" });
    await provisionMembership(tx, orgId, userId, "finance");
    await tx.query(sql`
      insert into public.purchase_orders (org_id, po_number, supplier, description, order_value, currency, order_date, status)
      select ${orgId}, 'PO-' || lpad(i::text, 7, '0'), (array['Kauri Interiors','Southern Cross Electrical','Harbour Joinery','Tasman Flooring','Aotea HVAC'])[1 + i % 5] || ' ' || (i % 997),
             'Package ' || i, case when i % 500 = 0 then 0 else 1000 + (hashtext(i::text) & 1048575) end, 'NZD',
             case when i % 50 = 0 then null else date '2024-01-01' + (i % 900) end,
             (array['open','open','open','closed','cancelled'])[1 + i % 5]
      from generate_series(1, ${POS}) as i`);
    // Set-based, in slices: the statement-level trigger adds each slice's spend to its POs.
    const slice = 250_000;
    for (let from = 0; from < QSS; from += slice) {
      await tx.query(sql`
        insert into public.quantity_surveys (org_id, qs_number, po_id, valuation_date, amount)
        select ${orgId}, 'QS-' || lpad(i::text, 8, '0'), p.id, date '2024-02-01' + (i % 900), 50 + (hashtext(i::text) & 65535) / 100.0
        from generate_series(${from + 1}::int, ${Math.min(QSS, from + slice)}::int) as i
        join public.purchase_orders p on p.org_id = ${orgId} and p.po_number = 'PO-' || lpad((1 + i % ${POS})::text, 7, '0')`);
    }
    await tx.query(sql`analyze public.purchase_orders`);
    await tx.query(sql`analyze public.quantity_surveys`);
    const po = await tx.one<{ id: string }>(sql`select id from public.purchase_orders where org_id = ${orgId} and po_number = 'PO-0000042'`);
    const claims: Claims = { sub: userId, email, role: "authenticated", aud: "authenticated", session_id: randomUUID() };
    return { orgId, claims, poId: po.id };
  });
  const setupMs = performance.now() - started;

  const page = { q: undefined, status: undefined, page: 1, pageSize: 25 } as const;
  const cases = {
    utilizationDescFirstPage: { ...page, sort: "utilization", dir: "desc" },
    valueAscPage100: { ...page, sort: "value", dir: "asc", page: 100 },
    dateDescOpen: { ...page, sort: "date", dir: "desc", status: "open" },
    searchSupplier: { ...page, sort: "utilization", dir: "desc", q: "harbour joinery 99" },
  } as const;
  type Call = [string, (tx: Tx) => Promise<unknown>];
  const calls: Call[] = [
    ...Object.entries(cases).map(([name, query]): Call => [`poList.${name}`, (tx) => listPurchaseOrders(tx, orgId, query)]),
    ["poDetail", (tx) => getPurchaseOrder(tx, orgId, poId)],
    ["qsListNewest", (tx) => listQuantitySurveys(tx, orgId, { page: 1, pageSize: 50, poNumber: undefined })],
    ["qsListOfOnePo", (tx) => listQuantitySurveys(tx, orgId, { page: 1, pageSize: 50, poNumber: "PO-0000042" })],
  ];
  const fns = calls.flatMap(([, call]) => [() => asUserOn(engine, claims, call), () => asServiceOn(engine, call)]);
  const samples = await timeInterleaved(fns, RUNS);
  const figures: Record<string, unknown> = {};
  calls.forEach(([name], i) => {
    const measured = samples[2 * i]!;
    const floor = samples[2 * i + 1]!;
    recordFigure({ name: `Procurement ${name}, member vs service role (p50)`, engine: label as "pglite" | "postgres", value: percentile(measured, 50), floor: percentile(floor, 50), unit: "ms", target: { ratioMax: 1.3 } });
    figures[name] = {
      ms: { p50: round(percentile(measured, 50)), p95: round(percentile(measured, 95)) },
      floorMs: { p50: round(percentile(floor, 50)), p95: round(percentile(floor, 95)) },
      ratio: round(percentile(measured, 50) / percentile(floor, 50)),
    };
  });
  const csvStarted = performance.now();
  const csv = await asUserOn(engine, claims, (tx) => exportPurchaseOrdersCsv(tx, orgId, { sort: "utilization", dir: "desc", q: undefined, status: undefined }));
  figures.csvExportAllPos = { ms: round(performance.now() - csvStarted), rows: csv.rows, bytes: csv.csv.length };

  await writeResult(`procurement-read-${label}`, {
    engine: label,
    purchaseOrders: POS,
    quantitySurveys: QSS,
    runs: RUNS,
    setupSeconds: round(setupMs / 1000, 1),
    ...figures,
    target: "each page well under 100 ms on PostgreSQL; member vs service role ratio <= 1.3",
  });
}
