/**
 * The rollups stay exactly equal to the raw rows under any sequence of writes. Random sequences of
 * inserts, updates (amount, status, due date, contact, date, billable, invoiced, staff) and deletes
 * of invoices, payments, time entries and costs, single-row and set-based, plus sync-style upserts,
 * run as the service role (as the sync does); then the Financial overview and Practice figures the
 * services read from the rollups must equal the same figures computed from the raw rows, for the
 * default range and a past mid-month range, unfiltered and filtered. The monthly rollup by contact
 * must equal the raw rows grouped by contact and month, and the assistant's revenue, expenses and
 * cash by contact (whole months from it, the days of partial months from the daily rollup) must equal
 * the raw sums over ranges that start and end mid-month and on month boundaries. Each sequence rolls
 * back.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { sql, type Tx } from "@/server/db";
import { asServiceOn } from "@/server/db/transactions";
import { metricById } from "@/server/assistant/metric-catalog";
import type { Dimension, ResolvedFilter } from "@/server/assistant/metric-types";
import { customPeriod } from "@/server/assistant/periods";
import { isoDateIn, resolveDateRange, type DateRange } from "@/server/dashboards/date-range";
import { financialData } from "@/server/dashboards/financial-data";
import { practiceData } from "@/server/dashboards/practice-data";
import { SEES_EVERYONE } from "@/server/dashboards/practice-viewer-scope";
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
  fc.record({ kind: fc.constant("job-client" as const), target: pick, client: pick }),
  fc.record({ kind: fc.constant("job-budget" as const), target: pick, budget: fc.option(fc.integer({ min: -100, max: 30_000 })) }),
  fc.record({ kind: fc.constant("job-dates" as const), target: pick, start: fc.option(fc.integer({ min: -500, max: 30 })), due: fc.option(fc.integer({ min: -500, max: 60 })), completed: fc.option(fc.integer({ min: -500, max: 0 })) }),
  fc.record({ kind: fc.constant("job-delete" as const), target: pick }),
  fc.record({ kind: fc.constant("job-resync" as const), target: pick }),
  // A job that arrives after its time (as a sync may store them), and time for it.
  fc.record({ kind: fc.constant("job-upsert-late" as const), slot: fc.nat({ max: 2 }), client: pick, budget: fc.option(fc.integer({ min: 0, max: 5_000 })), start: dayOffset }),
  fc.record({ kind: fc.constant("time-insert-late" as const), slot: fc.nat({ max: 2 }), staff: pick, date: dayOffset, minutes: fc.integer({ min: 15, max: 480 }) }),
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
  /** The 1st of the month `n` months from today's month, and the last day of that month. */
  const monthStart = (n: number) => new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 + n, 1)).toISOString().slice(0, 10);
  const monthEnd = (n: number) => new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) + n, 0)).toISOString().slice(0, 10);

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
      case "job-client":
        await tx.query(sql`update public.xpm_jobs set client_external_id = ${of(keys.clients, m.client)} where org_id = ${orgId} and external_id = ${of(keys.jobs, m.target)}`);
        return;
      case "job-budget":
        await tx.query(sql`update public.xpm_jobs set budget = ${m.budget} where org_id = ${orgId} and external_id = ${of(keys.jobs, m.target)}`);
        return;
      case "job-dates":
        await tx.query(sql`update public.xpm_jobs set start_date = ${m.start === null ? null : day(m.start)}, due_date = ${m.due === null ? null : day(m.due)},
          completed_date = ${m.completed === null ? null : day(m.completed)} where org_id = ${orgId} and external_id = ${of(keys.jobs, m.target)}`);
        return;
      case "job-delete":
        await tx.query(sql`delete from public.xpm_jobs where org_id = ${orgId} and external_id = ${of(keys.jobs, m.target)}`);
        return;
      case "job-resync":
        // A sync storing a job again unchanged.
        await tx.query(sql`update public.xpm_jobs set synced_at = now() where org_id = ${orgId} and external_id = ${of(keys.jobs, m.target)}`);
        return;
      case "job-upsert-late":
        await tx.query(sql`insert into public.xpm_jobs (org_id, external_id, job_number, client_external_id, name, state, start_date, budget)
          values (${orgId}, ${`late-${m.slot}`}, ${`J8${m.slot}`}, ${of(keys.clients, m.client)}, 'Late job', 'In Progress', ${day(m.start)}, ${m.budget})
          on conflict (org_id, external_id) do update set client_external_id = excluded.client_external_id, budget = excluded.budget, start_date = excluded.start_date`);
        return;
      case "time-insert-late":
        await tx.query(sql`insert into public.xpm_time_entries (org_id, external_id, job_external_id, staff_external_id, entry_date, minutes, billable, billable_rate)
          values (${orgId}, ${id()}, ${`late-${m.slot}`}, ${of(keys.staff, m.staff)}, ${day(m.date)}, ${m.minutes}, true, 150)`);
        return;
    }
  }


  /** finance_monthly_by_contact equals the invoices and payments grouped by contact and month. */
  async function expectMonthlyMatchesRaw(tx: Tx) {
    const cols = sql`contact, month::text as month, revenue::numeric(16,2)::text as revenue, expenses::numeric(16,2)::text as expenses,
      invoices_issued::int as invoices_issued, cash_received::numeric(16,2)::text as cash_received, cash_paid::numeric(16,2)::text as cash_paid`;
    const nonZero = sql`revenue <> 0 or expenses <> 0 or invoices_issued <> 0 or cash_received <> 0 or cash_paid <> 0`;
    const rollup = await tx.query(sql`
      select ${cols} from (select contact_external_id as contact, month, revenue, expenses, invoices_issued, cash_received, cash_paid
        from public.finance_monthly_by_contact where org_id = ${orgId}) m
      where ${nonZero} order by 1, 2`);
    const raw = await tx.query(sql`
      with facts as (
        select i.contact_external_id as contact, date_trunc('month', i.date)::date as month,
               case when i.type = 'ACCREC' then i.sub_total else 0 end as revenue, case when i.type = 'ACCPAY' then i.sub_total else 0 end as expenses,
               case when i.type = 'ACCREC' then 1 else 0 end as invoices_issued, 0 as cash_received, 0 as cash_paid
        from public.xero_invoices i where i.org_id = ${orgId} and i.status in ('AUTHORISED', 'PAID')
        union all
        select i.contact_external_id, date_trunc('month', p.date)::date, 0, 0, 0,
               case when p.payment_type = 'ACCRECPAYMENT' then p.amount else 0 end, case when p.payment_type = 'ACCPAYPAYMENT' then p.amount else 0 end
        from public.xero_payments p join public.xero_invoices i on i.org_id = p.org_id and i.external_id = p.invoice_external_id
        where p.org_id = ${orgId} and p.status = 'AUTHORISED'
      ), sums as (
        select contact, month, sum(revenue) as revenue, sum(expenses) as expenses, sum(invoices_issued) as invoices_issued,
               sum(cash_received) as cash_received, sum(cash_paid) as cash_paid
        from facts group by 1, 2
      )
      select ${cols} from sums where ${nonZero} order by 1, 2`);
    expect(rollup, "finance_monthly_by_contact").toEqual(raw);
  }

  /** Raw sums by contact over [from, to]: revenue and expenses from the invoices, cash from the payments. */
  function rawByContact(metric: "revenue" | "expenses" | "cash_received", from: string, to: string, contact: string | null) {
    const onlyContact = contact ? sql`and i.contact_external_id = ${contact}` : sql``;
    if (metric === "cash_received") {
      return sql`select i.contact_external_id as id, p.date as day, p.amount as amount
        from public.xero_payments p join public.xero_invoices i on i.org_id = p.org_id and i.external_id = p.invoice_external_id
        where p.org_id = ${orgId} and p.status = 'AUTHORISED' and p.payment_type = 'ACCRECPAYMENT' and p.date between ${from}::date and ${to}::date ${onlyContact}`;
    }
    return sql`select i.contact_external_id as id, i.date as day, i.sub_total as amount from public.xero_invoices i
      where i.org_id = ${orgId} and i.type = ${metric === "revenue" ? "ACCREC" : "ACCPAY"} and i.status in ('AUTHORISED', 'PAID')
        and i.date between ${from}::date and ${to}::date ${onlyContact}`;
  }

  /** The assistant's revenue, expenses and cash by contact, and one contact's by month, equal the raw sums. */
  async function expectPeriodSumsMatchRaw(tx: Tx, contact: string) {
    const cents = (v: unknown) => Math.round(Number(v) * 100) / 100;
    const ranges = [
      { from: day(-250), to: day(-20) },
      { from: monthStart(-7), to: monthEnd(-2) },
      { from: `${monthStart(-9).slice(0, 8)}15`, to: `${monthStart(-3).slice(0, 8)}10` },
      { from: `${monthStart(-1).slice(0, 8)}03`, to: `${monthStart(-1).slice(0, 8)}27` },
      { from: monthStart(-12), to: today },
    ];
    for (const { from, to } of ranges) {
      for (const id of ["revenue", "expenses", "cash_received"] as const) {
        const by: Dimension = id === "expenses" ? "supplier" : "contact";
        const base = { orgId, period: customPeriod(from, to), today, topN: null, thresholds: { warningPct: 75, criticalPct: 90, overBudgetPct: 100 } };
        const got = await metricById(id)!.run(tx, { ...base, dimension: by, filters: [] });
        const raw = await tx.query<{ id: string; value: string; total: string; n: number }>(sql`
          select f.id, sum(f.amount)::text as value, (sum(sum(f.amount)) over ())::text as total, (count(*) over ())::int as n
          from (${rawByContact(id, from, to, null)}) f group by f.id having sum(f.amount) <> 0 order by sum(f.amount) desc, f.id limit 100`);
        const label = `${id} by ${by} ${from}..${to}`;
        expect(got.rows.map((r) => [r.id, r.value]), label).toEqual(raw.map((r) => [r.id, cents(r.value)]));
        expect(got.totals.value, label).toBe(cents(raw[0]?.total ?? 0));
        expect(got.rowCount, label).toBe(raw[0]?.n ?? 0);

        const filter: ResolvedFilter = { kind: by, id: contact, name: contact };
        const months = await metricById(id)!.run(tx, { ...base, dimension: "month", filters: [filter] });
        const rawMonths = await tx.query<{ key: string; value: string }>(sql`
          select to_char(f.day, 'YYYY-MM') as key, sum(f.amount)::text as value
          from (${rawByContact(id, from, to, contact)}) f group by 1 order by 1`);
        const monthLabel = `${id} of ${contact} by month ${from}..${to}`;
        expect(months.rows.filter((r) => r.value !== 0).map((r) => [r.key, r.value]), monthLabel)
          .toEqual(rawMonths.map((r) => [r.key, cents(r.value)]).filter(([, v]) => v !== 0));
        const total = await metricById(id)!.run(tx, { ...base, dimension: null, filters: [filter] });
        expect(total.totals.value, monthLabel).toBe(cents(rawMonths.reduce((s, r) => s + Number(r.value), 0)));
      }
    }
  }

  async function expectFiguresMatch(tx: Tx, filters: { contact: string; client: string; staff: string }) {
    const ranges: DateRange[] = [resolveDateRange({}, "UTC"), resolveDateRange({ from: day(-250), to: day(-20) }, "UTC")];
    for (const range of ranges) {
      for (const f of [{}, { contact: filters.contact }]) {
        expect(await financialData(tx, orgId, range, f), `financial ${JSON.stringify({ range, f })}`).toEqual(await rawFinancialData(tx, orgId, range, f));
      }
      for (const f of [{}, { client: filters.client }, { staff: filters.staff }, { client: filters.client, staff: filters.staff }]) {
        expect(await practiceData(tx, orgId, range, f, SEES_EVERYONE), `practice ${JSON.stringify({ range, f })}`).toEqual(await rawPracticeData(tx, orgId, range, f));
      }
    }
    await expectMonthlyMatchesRaw(tx);
    await expectPeriodSumsMatchRaw(tx, filters.contact);
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

  it("rebuild_rollups repairs a monthly rollup that drifted: wrong amounts, and a row no daily row backs", async () => {
    try {
      // As the owner: nobody else may write a rollup, and drift can only come from outside the API.
      await db.engine().transaction(async (tx) => {
        await tx.query(sql`update public.finance_monthly_by_contact set revenue = revenue + 1000, cash_received = 0 where org_id = ${orgId}`);
        await tx.query(sql`insert into public.finance_monthly_by_contact (org_id, contact_external_id, month, revenue) values (${orgId}, 'no-such-contact', ${monthStart(-3)}, 5)`);
        await tx.query(sql`select app_private.rebuild_rollups(${orgId}::uuid, 'finance')`);
        await expectMonthlyMatchesRaw(tx);
        throw ROLLBACK;
      });
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    }
  });
  it("rebuild_rollups repairs the per-job, per-client, per-organization and budget calendar rollups that drifted", async () => {
    const range = resolveDateRange({}, "UTC");
    try {
      await db.engine().transaction(async (tx) => {
        const before = await practiceData(tx, orgId, range, {}, SEES_EVERYONE);
        await tx.query(sql`update public.practice_jobs set job_number = 'J-WRONG', budget = 1 where org_id = ${orgId}`);
        await tx.query(sql`update public.practice_client_wip set wip_c = wip_c + 999 where org_id = ${orgId}`);
        await tx.query(sql`update public.practice_wip_totals set jobs = jobs + 7 where org_id = ${orgId}`);
        await tx.query(sql`insert into public.practice_budget_calendar (org_id, day, starts) values (${orgId}, ${monthStart(-2)}, 50)
          on conflict (org_id, day) do update set starts = practice_budget_calendar.starts + 50`);
        expect(await practiceData(tx, orgId, range, {}, SEES_EVERYONE)).not.toEqual(before);
        await tx.query(sql`select app_private.rebuild_rollups(${orgId}::uuid, 'practice')`);
        expect(await practiceData(tx, orgId, range, {}, SEES_EVERYONE)).toEqual(before);
        expect(before).toEqual(await rawPracticeData(tx, orgId, range, {}));
        throw ROLLBACK;
      });
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    }
  });
});
