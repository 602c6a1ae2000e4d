import { createHash } from "node:crypto";
import { msDate, type FakeTenant } from "@/server/demo/xero-fake/xero-fake-data";
import { seededRandom } from "./generate-finance-data";

/**
 * "Newer activity" in the Demo Xero/XPM tenants that the seeded database does not hold yet: for every
 * day from the seed's as-of date to today, a handful of sales invoices (some paid the same day) and
 * some XPM time. Ids depend only on the tenant and the day, so a restart re-creates the same records
 * and a sync upserts them instead of adding copies. Today's records are stamped `nowMs`; earlier
 * days keep the noon of their day, so an incremental sync after a restart fetches only what is new.
 */
export interface DemoActivitySummary {
  days: number;
  invoices: number;
  payments: number;
  timeEntries: number;
}

const DAY_MS = 86_400_000;

/** A UUID-shaped id derived from a name (same name, same id). */
export function stableUuid(name: string): string {
  const hex = createHash("sha256").update(name).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function seedOf(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0);
}

export function activityDays(asOf: string, today: string): string[] {
  const first = Date.parse(`${asOf < today ? asOf : today}T00:00:00Z`);
  const last = Date.parse(`${today}T00:00:00Z`);
  const days: string[] = [];
  for (let t = first; t <= last; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

export function addDemoActivity(
  organisation: FakeTenant,
  practice: FakeTenant,
  opts: { asOf: string; today: string; nowMs: number },
): DemoActivitySummary {
  const summary: DemoActivitySummary = { days: 0, invoices: 0, payments: 0, timeEntries: 0 };
  const contacts = [...organisation.accounting.Contacts.values()].map((r) => r.json).filter((c) => c.IsCustomer === true);
  const accounts = [...organisation.accounting.Accounts.values()].map((r) => r.json);
  const bank = accounts.find((a) => a.Type === "BANK")?.AccountID;
  const revenueCode = (accounts.find((a) => a.Type === "REVENUE")?.Code as string | undefined) ?? "200";
  const jobs = practice.xpm.jobs.filter((j) => j.State === "In Progress" && j.ID !== "J000000");
  const staff = practice.xpm.staff;
  if (contacts.length === 0 || jobs.length === 0 || staff.length === 0) return summary;

  for (const day of activityDays(opts.asOf, opts.today)) {
    summary.days++;
    const dayMs = Date.parse(`${day}T00:00:00Z`);
    const updatedMs = day === opts.today ? opts.nowMs : Math.min(opts.nowMs, dayMs + DAY_MS / 2);
    const rand = seededRandom(seedOf(`${organisation.tenantId}:${day}`));
    const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

    const invoiceCount = int(8, 15);
    for (let i = 0; i < invoiceCount; i++) {
      const id = stableUuid(`${organisation.tenantId}:${day}:invoice:${i}`);
      const contact = pick(contacts);
      const subCents = int(40_000, 600_000);
      const taxCents = Math.round(subCents * 0.15);
      const totalCents = subCents + taxCents;
      const paid = rand() < 0.3;
      const due = new Date(dayMs + 20 * DAY_MS).toISOString().slice(0, 10);
      const number = `INV-${day.replaceAll("-", "")}-${String(i + 1).padStart(2, "0")}`;
      organisation.accounting.Invoices.set(id, {
        updatedMs,
        json: {
          Type: "ACCREC", InvoiceID: id, InvoiceNumber: number, Reference: "",
          Contact: { ContactID: contact.ContactID, Name: contact.Name },
          DateString: `${day}T00:00:00`, Date: msDate(dayMs), DueDateString: `${due}T00:00:00`, DueDate: msDate(dayMs + 20 * DAY_MS),
          Status: paid ? "PAID" : "AUTHORISED", LineAmountTypes: "Exclusive",
          LineItems: [{
            LineItemID: stableUuid(`${id}:line`), Description: "Professional services", Quantity: 1.0, UnitAmount: subCents / 100,
            TaxType: "OUTPUT2", TaxAmount: taxCents / 100, LineAmount: subCents / 100, AccountCode: revenueCode, Tracking: [],
          }],
          SubTotal: subCents / 100, TotalTax: taxCents / 100, Total: totalCents / 100,
          AmountDue: paid ? 0 : totalCents / 100, AmountPaid: paid ? totalCents / 100 : 0, AmountCredited: 0,
          CurrencyCode: organisation.baseCurrency, CurrencyRate: 1.0,
          ...(paid ? { FullyPaidOnDate: msDate(dayMs) } : {}),
          HasAttachments: false, IsDiscounted: false, HasErrors: false,
        },
      });
      summary.invoices++;
      if (paid) {
        const paymentId = stableUuid(`${organisation.tenantId}:${day}:payment:${i}`);
        organisation.accounting.Payments.set(paymentId, {
          updatedMs,
          json: {
            PaymentID: paymentId, Date: msDate(dayMs), Amount: totalCents / 100, BankAmount: totalCents / 100, CurrencyRate: 1.0,
            Reference: "", IsReconciled: true, Status: "AUTHORISED", PaymentType: "ACCRECPAYMENT", HasAccount: true,
            Account: { AccountID: bank },
            Invoice: { InvoiceID: id, Type: "ACCREC", InvoiceNumber: number, CurrencyCode: organisation.baseCurrency, Contact: { ContactID: contact.ContactID } },
          },
        });
        summary.payments++;
      }
    }

    const timeCount = int(3, 6);
    for (let t = 0; t < timeCount; t++) {
      const job = pick(jobs);
      const who = pick(staff);
      practice.xpm.time.push({
        UUID: stableUuid(`${practice.tenantId}:${day}:time:${t}`), Job: { ID: job.ID, UUID: job.UUID }, Task: { Name: "Advisory" },
        Staff: { UUID: who.UUID }, Date: `${day}T00:00:00`, Minutes: 15 * int(2, 16), Note: "", Billable: "true",
        BillableRate: who.BillableRate, InvoiceTaskUUID: "",
      });
      summary.timeEntries++;
    }
  }
  return summary;
}
