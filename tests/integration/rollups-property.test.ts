/**
 * The rollups stay exactly equal to the raw rows under any sequence of writes. Random sequences of
 * inserts, updates (amount, status, due date, contact, date, billable, invoiced, staff) and deletes
 * of invoices, payments, time entries and costs, single-row and set-based, plus sync-style upserts,
 * run as the service role (as the sync does); then the Financial overview and Practice figures the
 * services read from the rollups must equal the same figures computed from the raw rows, for the
 * default range and a past mid-month range, unfiltered and filtered. Each sequence rolls back.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { sql, type Tx } from "@/server/db";
import { asServiceOn } from "@/server/db/transactions";
import { isoDateIn, resolveDateRange, type DateRange } from "@/server/dashboards/date-range";
import { financialData } from "@/server/dashboards/financial-data";
import { practiceData } from "@/server/dashboards/practice-data";
import { generateFinanceData } from "@/server/demo/generate-finance-data";
import { insertFinanceData } from "@/server/demo/insert-finance-data";
import { createOrg } from "../helpers/fixtures";
import { rawFinancialData } from "../helpers/raw-financial-data";
import { rawPracticeData } from "../helpers/raw-practice-data";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();
const ROLLBACK = new Error("roll back this sequence");

const pick = fc.nat({ max: 10_000 });
const money = fc.integer({ min: -5_000, max: 200_000 }).map((c) => c / 100);
const dayOffset = fc.integer({ min: -500, max: 20 });

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("invoice-insert" as const), contact: pick, type: fc.constantFrom("ACCREC", "ACCPAY"), status: fc.constantFrom("DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED"), date: dayOffset, due: fc.option(fc.integer({ min: -200, max: 60 })), subTotal: money, amountDue: money }),
  fc.record({ kind: fc.constant("invoice-amount" as const), target: pick, subTotal: money, amountDue: money }),
  fc.record({ kind: fc.constant("invoice-status" as const), target: pick, status: fc.constantFrom("DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED") }),
  fc.record({ kind: fc.constant("invoice-due" as const), target: pick, due: fc.option(fc.integer({ min: -200, max: 60 })) }),
  fc.record({ kind: fc.constant("invoice-contact" as const), target: pick, contact: pick }),
  fc.record({ kind: fc.constant("invoice-date" as const), target: pick, date: dayOffset }),
  fc.record({ kind: fc.constant("invoice-delete" as const), target: pick }),
  fc.record({ kind: fc.constant("invoices-halve-due" as const), contact: pick }),
  fc.record({ kind: fc.constant("invoice-upsert" as const), target: pick, amountDue: money, status: fc.constantFrom("AUTHORISED", "PAID", "SUBMITTED") }),
  fc.record({ kind: fc.constant("payment-insert" as const), target: pick, amount: money, date: dayOffset, type: fc.constantFrom("ACCRECPAYMENT", "ACCPAYPAYMENT") }),
  fc.record({ kind: fc.constant("payment-update" as const), target: pick, amount: money, status: fc.constantFrom("AUTHORISED", "DELETED"), date: dayOffset }),
  fc.record({ kind: fc.constant("payment-delete" as const), target: pick }),
  fc.record({ kind: fc.constant("time-insert" as const), job: pick, staff: pick, date: dayOffset, minutes: fc.integer({ min: -60, max: 480 }), billable: fc.boolean(), invoiced: fc.boolean() }),
  fc.record({ kind: fc.constant("time-update" as const), target: pick, minutes: fc.integer({ min: -60, max: 480 }), billable: fc.boolean(), invoiced: fc.boolean(), staff: pick, date: dayOffset }),
  fc.record({ kind: fc.constant("time-delete" as const), target: pick }),
  fc.record({ kind: fc.constant("time-invoice-job" as const), job: pick }),
  fc.record({ kind: fc.constant("cost-insert" as const), job: pick, date: dayOffset, price: money, billable: fc.boolean(), invoiced: fc.boolean() }),
  fc.record({ kind: fc.constant("cost-update" as const), target: pick, price: money, billable: fc.boolean(), invoiced: fc.boolean(), job: pick }),
  fc.record({ kind: fc.constant("cost-delete" as const), target: pick }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

describe("rollups follow every change to the raw rows", () => {
  let orgId: string;
  let today: string;
  const keys = { contacts: [] as string[], invoices: [] as string[], payments: [] as string[], staff: [] as string[], jobs: [] as string[], clients: [] as string[], time: [] as string[], costs: [] as string[] };

  beforeAll(async () => {
    orgId = (await createOrg(db.engine(), "rollup-prop")).id;
    today = isoDateIn("UTC");
    // Inserted without any rollup rebuild: what the services read is what the triggers made.
    await db.asService((tx) => insertFinanceData(tx, orgId, generateFinanceData({ seed: 99, invoices: 150, asOf: today, currency: "USD" })));
    const list = (q: ReturnType<typeof sql>) => db.query<{ k: string }>(q).then((rows) => rows.map((r) => r.k));
    keys.contacts = await list(sql`select external_id as k from public.xero_contacts where org_id = ${orgId} order by 1`);
    keys.invoices = await list(sql`select external_id as k from public.xero_invoices where org_id = ${orgId} order by 1`);
    keys.payments = await list(sql`select external_id as k from public.xero_payments where org_id = ${orgId} order by 1`);
    keys.staff = await list(sql`select external_id as k from public.xpm_staff where org_id = ${orgId} order by 1`);
    keys.jobs = await list(sql`select external_id as k from public.xpm_jobs where org_id = ${orgId} order by 1`);
    keys.clients = await list(sql`select external_id as k from public.xpm_clients where org_id = ${orgId} order by 1`);
    keys.time = await list(sql`select external_id as k from public.xpm_time_entries where org_id = ${orgId} order by 1`);
    keys.costs = await list(sql`select external_id as k from public.xpm_costs where org_id = ${orgId} order by 1`);
  }, 120_000);

  const of = (list: string[], i: number) => list[i % list.length]!;
  const day = (offset: number) => new Date(Date.parse(today) + offset * 86_400_000).toISOString().slice(0, 10);
  let serial = 0;

  async function apply(tx: Tx, m: Mutation): Promise<void> {
    const id = () => `prop-${++serial}`;
    switch (m.kind) {
      case "invoice-insert":
        await tx.query(sql`insert into public.xero_invoices (org_id, external_id, type, status, contact_external_id, date, due_date, sub_total, total, amount_due, currency_code)
          values (${orgId}, ${id()}, ${m.type}, ${m.status}, ${of(keys.contacts, m.contact)}, ${day(m.date)}, ${m.due === null ? null : day(m.date + m.due)}, ${m.subTotal}, ${m.subTotal}, ${m.amountDue}, 'USD')`);
        return;
      case "invoice-amount":
        await tx.query(sql`update public.xero_invoices set sub_total = ${m.subTotal}, amount_due = ${m.amountDue} where org_id = ${orgId} and external_id = ${of(keys.invoices, m.target)}`);
        return;
      case "invoice-status":
        await tx.query(sql`update public.xero_invoices set status = ${m.status} where org_id = ${orgId} and external_id = ${of(keys.invoices, m.target)}`);
        return;
      case "invoice-due":
        await tx.query(sql`update public.xero_invoices set due_date = ${m.due === null ? null : day(m.due)} where org_id = ${orgId} and external_id = ${of(keys.invoices, m.target)}`);
        return;
      case "invoice-contact":
        await tx.query(sql`update public.xero_invoices set contact_external_id = ${of(keys.contacts, m.contact)} where org_id = ${orgId} and external_id = ${of(keys.invoices, m.target)}`);
        return;
      case "invoice-date":
        await tx.query(sql`update public.xero_invoices set date = ${day(m.date)} where org_id = ${orgId} and external_id = ${of(keys.invoices, m.target)}`);
        return;
      case "invoice-delete":
        await tx.query(sql`delete from public.xero_invoices where org_id = ${orgId} and external_id = ${of(keys.invoices, m.target)}`);
        return;
      case "invoices-halve-due":
        await tx.query(sql`update public.xero_invoices set amount_due = round(amount_due / 2, 2) where org_id = ${orgId} and contact_external_id = ${of(keys.contacts, m.contact)}`);
        return;
      case "invoice-upsert":
        // As the sync stores a page: insert, or update the row that is there.
        await tx.query(sql`insert into public.xero_invoices (org_id, external_id, type, status, contact_external_id, date, due_date, sub_total, total, amount_due, currency_code)
          values (${orgId}, ${of(keys.invoices, m.target)}, 'ACCREC', ${m.status}, ${keys.contacts[0]!}, ${today}, ${today}, 100, 115, ${m.amountDue}, 'USD')
          on conflict (org_id, external_id) do update set status = excluded.status, amount_due = excluded.amount_due`);
        return;
      case "payment-insert":
        await tx.query(sql`insert into public.xero_payments (org_id, external_id, invoice_external_id, payment_type, date, amount, currency_code)
          values (${orgId}, ${id()}, ${of(keys.invoices, m.target)}, ${m.type}, ${day(m.date)}, ${m.amount}, 'USD')`);
        return;
      case "payment-update":
        await tx.query(sql`update public.xero_payments set amount = ${m.amount}, status = ${m.status}, date = ${day(m.date)} where org_id = ${orgId} and external_id = ${of(keys.payments, m.target)}`);
        return;
      case "payment-delete":
        await tx.query(sql`delete from public.xero_payments where org_id = ${orgId} and external_id = ${of(keys.payments, m.target)}`);
        return;
      case "time-insert":
        await tx.query(sql`insert into public.xpm_time_entries (org_id, external_id, job_external_id, staff_external_id, entry_date, minutes, billable, billable_rate, invoice_task_external_id)
          values (${orgId}, ${id()}, ${of(keys.jobs, m.job)}, ${of(keys.staff, m.staff)}, ${day(m.date)}, ${m.minutes}, ${m.billable}, 175, ${m.invoiced ? "task-x" : null})`);
        return;
      case "time-update":
        await tx.query(sql`update public.xpm_time_entries set minutes = ${m.minutes}, billable = ${m.billable}, invoice_task_external_id = ${m.invoiced ? "task-y" : null},
          staff_external_id = ${of(keys.staff, m.staff)}, entry_date = ${day(m.date)} where org_id = ${orgId} and external_id = ${of(keys.time, m.target)}`);
        return;
      case "time-delete":
        await tx.query(sql`delete from public.xpm_time_entries where org_id = ${orgId} and external_id = ${of(keys.time, m.target)}`);
        return;
      case "time-invoice-job":
        await tx.query(sql`update public.xpm_time_entries set invoice_task_external_id = 'task-z' where org_id = ${orgId} and job_external_id = ${of(keys.jobs, m.job)}`);
        return;
      case "cost-insert":
        await tx.query(sql`insert into public.xpm_costs (org_id, external_id, job_external_id, cost_date, quantity, unit_cost, unit_price, billable, invoice_external_id)
          values (${orgId}, ${id()}, ${of(keys.jobs, m.job)}, ${day(m.date)}, 2, 1, ${m.price}, ${m.billable}, ${m.invoiced ? "inv-x" : null})`);
        return;
      case "cost-update":
        await tx.query(sql`update public.xpm_costs set unit_price = ${m.price}, billable = ${m.billable}, invoice_external_id = ${m.invoiced ? "inv-y" : null},
          job_external_id = ${of(keys.jobs, m.job)} where org_id = ${orgId} and external_id = ${of(keys.costs, m.target)}`);
        return;
      case "cost-delete":
        await tx.query(sql`delete from public.xpm_costs where org_id = ${orgId} and external_id = ${of(keys.costs, m.target)}`);
        return;
    }
  }

  async function expectFiguresMatch(tx: Tx, filters: { contact: string; client: string; staff: string }) {
    const ranges: DateRange[] = [resolveDateRange({}, "UTC"), resolveDateRange({ from: day(-250), to: day(-20) }, "UTC")];
    for (const range of ranges) {
      for (const f of [{}, { contact: filters.contact }]) {
        expect(await financialData(tx, orgId, range, f), `financial ${JSON.stringify({ range, f })}`).toEqual(await rawFinancialData(tx, orgId, range, f));
      }
      for (const f of [{}, { client: filters.client }, { staff: filters.staff }, { client: filters.client, staff: filters.staff }]) {
        expect(await practiceData(tx, orgId, range, f), `practice ${JSON.stringify({ range, f })}`).toEqual(await rawPracticeData(tx, orgId, range, f));
      }
    }
  }

  it("the figures read from the rollups equal the raw computation before any change", async () => {
    await asServiceOn(db.engine(), (tx) => expectFiguresMatch(tx, { contact: keys.contacts[0]!, client: keys.clients[0]!, staff: keys.staff[0]! }));
  });

  it("after any sequence of inserts, updates and deletes, on every range and filter", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 12 }), pick, async (mutations, focus) => {
        try {
          await asServiceOn(db.engine(), async (tx) => {
            for (const m of mutations) await apply(tx, m);
            // Filter by a contact, client and staff member the sequence touched, when it did.
            const touched = mutations.find((m) => "contact" in m) as { contact?: number } | undefined;
            await expectFiguresMatch(tx, {
              contact: of(keys.contacts, touched?.contact ?? focus),
              client: of(keys.clients, focus),
              staff: of(keys.staff, (mutations.find((m) => "staff" in m) as { staff?: number } | undefined)?.staff ?? focus),
            });
            throw ROLLBACK;
          });
        } catch (error) {
          if (error !== ROLLBACK) throw error;
        }
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});
