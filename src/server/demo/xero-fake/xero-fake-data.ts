import { createHash, randomUUID } from "node:crypto";
import { generateFinanceData, type FinanceDataset } from "@/server/demo/generate-finance-data";

/**
 * The data behind one fake Xero tenant, as Xero itself would hold it: Accounting records as the JSON
 * objects the API returns (PascalCase, `/Date(…)/`), each with the instant it was last modified, and
 * XPM records as plain values the XML writer renders. Seeded from the deterministic demo generator so
 * a fake tenant looks like the demo organization.
 */
export type AccountingEntity = "Contacts" | "Invoices" | "Payments" | "Accounts";
export interface StoredRecord {
  json: Record<string, unknown>;
  /** UpdatedDateUTC in ms; tests may change a record without bumping it (Xero's documented gaps). */
  updatedMs: number;
}
export interface XpmStore {
  clients: Record<string, unknown>[];
  staff: Record<string, unknown>[];
  jobs: Record<string, unknown>[];
  time: Record<string, unknown>[];
  costs: Record<string, unknown>[];
  invoices: Record<string, unknown>[];
}
export interface FakeTenant {
  tenantId: string;
  tenantType: "ORGANISATION" | "PRACTICEMANAGER";
  tenantName: string | null;
  baseCurrency: string;
  accounting: Record<AccountingEntity, Map<string, StoredRecord>>;
  xpm: XpmStore;
}

/** An answer the fake gives instead of a normal one (errors, 429s). */
export class FakeHttpError extends Error {
  constructor(readonly status: number, readonly body: string, readonly contentType = "application/json", readonly headers: Record<string, string> = {}) {
    super(`fake ${status}`);
  }
}

export const msDate = (ms: number) => `/Date(${ms}+0000)/`;
/** A line item's id from its invoice's: the same on every start, as Xero's own are. */
const lineItemId = (invoiceId: string) => {
  const hex = createHash("sha256").update(`${invoiceId}:line`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function emptyTenant(tenantType: FakeTenant["tenantType"], tenantName: string | null, tenantId: string = randomUUID()): FakeTenant {
  return {
    tenantId,
    tenantType,
    tenantName,
    baseCurrency: "NZD",
    accounting: { Contacts: new Map(), Invoices: new Map(), Payments: new Map(), Accounts: new Map() },
    xpm: { clients: [], staff: [], jobs: [], time: [], costs: [], invoices: [] },
  };
}

export function generateDataset(invoices: number, seed = 42, asOf = "2026-10-31", currency = "NZD"): FinanceDataset {
  return generateFinanceData({ seed, invoices, asOf, currency });
}

/** Accounting records from the demo dataset; each record modified a second after the previous one from `baseMs`. */
export function seedAccounting(tenant: FakeTenant, data: FinanceDataset, baseMs: number) {
  tenant.baseCurrency = data.currency;
  let tick = 0;
  const at = () => baseMs + 1000 * tick++;
  const bank = data.accounts.externalId[data.accounts.type.indexOf("BANK")] ?? data.accounts.externalId[0];
  const revenueCode = data.accounts.code[data.accounts.type.indexOf("REVENUE")] ?? "200";
  data.accounts.externalId.forEach((id, i) => {
    const code = data.accounts.code[i];
    tenant.accounting.Accounts.set(id, {
      updatedMs: at(),
      json: {
        AccountID: id, ...(code ? { Code: code } : {}), Name: data.accounts.name[i], Type: data.accounts.type[i], Class: data.accounts.class[i],
        Status: "ACTIVE", TaxType: "OUTPUT2", EnablePaymentsToAccount: false, ShowInExpenseClaims: false, ReportingCode: "", HasAttachments: false,
      },
    });
  });
  const contactName = new Map<string, string>();
  data.contacts.externalId.forEach((id, i) => {
    contactName.set(id, data.contacts.name[i]!);
    tenant.accounting.Contacts.set(id, {
      updatedMs: at(),
      json: {
        ContactID: id, ContactStatus: "ACTIVE", Name: data.contacts.name[i], EmailAddress: data.contacts.email[i],
        IsSupplier: data.contacts.isSupplier[i], IsCustomer: data.contacts.isCustomer[i], Addresses: [], Phones: [], ContactGroups: [],
        ContactPersons: [], HasAttachments: false, HasValidationErrors: false,
      },
    });
  });
  const invoiceMeta = new Map<string, { type: string; number: string; contact: string }>();
  data.invoices.externalId.forEach((id, i) => {
    const type = data.invoices.type[i]!;
    const contact = data.invoices.contact[i]!;
    invoiceMeta.set(id, { type, number: data.invoices.number[i]!, contact });
    const paidOn = data.invoices.fullyPaidOn[i];
    const subTotal = data.invoices.subTotal[i]!;
    tenant.accounting.Invoices.set(id, {
      updatedMs: at(),
      json: {
        Type: type, InvoiceID: id, InvoiceNumber: data.invoices.number[i], Reference: "",
        Contact: { ContactID: contact, Name: contactName.get(contact) ?? "" },
        DateString: `${data.invoices.date[i]}T00:00:00`, Date: msDate(dayMs(data.invoices.date[i]!)),
        DueDateString: `${data.invoices.dueDate[i]}T00:00:00`, DueDate: msDate(dayMs(data.invoices.dueDate[i]!)),
        Status: data.invoices.status[i], LineAmountTypes: "Exclusive",
        LineItems: [{
          LineItemID: lineItemId(id), Description: type === "ACCREC" ? "Professional services" : "Supplies", Quantity: 1.0,
          UnitAmount: subTotal, TaxType: "OUTPUT2", TaxAmount: data.invoices.totalTax[i], LineAmount: subTotal, AccountCode: revenueCode, Tracking: [],
        }],
        SubTotal: subTotal, TotalTax: data.invoices.totalTax[i], Total: data.invoices.total[i],
        AmountDue: data.invoices.amountDue[i], AmountPaid: data.invoices.amountPaid[i], AmountCredited: data.invoices.amountCredited[i],
        CurrencyCode: data.currency, CurrencyRate: 1.0,
        ...(paidOn ? { FullyPaidOnDate: msDate(dayMs(paidOn)) } : {}),
        HasAttachments: false, IsDiscounted: false, HasErrors: false,
      },
    });
  });
  data.payments.externalId.forEach((id, i) => {
    const invoice = data.payments.invoice[i]!;
    const meta = invoiceMeta.get(invoice);
    tenant.accounting.Payments.set(id, {
      updatedMs: at(),
      json: {
        PaymentID: id, Date: msDate(dayMs(data.payments.date[i]!)), Amount: data.payments.amount[i], BankAmount: data.payments.amount[i],
        CurrencyRate: 1.0, Reference: "", IsReconciled: true, Status: "AUTHORISED", PaymentType: data.payments.type[i], HasAccount: true,
        Account: { AccountID: bank },
        Invoice: { InvoiceID: invoice, Type: meta?.type, InvoiceNumber: meta?.number, CurrencyCode: data.currency, Contact: { ContactID: meta?.contact } },
      },
    });
  });
}

/** XPM records from the demo dataset, with XPM's quirks: Yes/No booleans on costs, empty elements. */
export function seedXpm(tenant: FakeTenant, data: FinanceDataset) {
  const jobNumber = new Map<string, string>();
  const clientName = new Map<string, string>();
  data.clients.externalId.forEach((id, i) => {
    clientName.set(id, data.clients.name[i]!);
    tenant.xpm.clients.push({ UUID: id, Name: data.clients.name[i], Email: data.clients.email[i], IsArchived: "No", IsDeleted: "No", Note: "" });
  });
  data.staff.externalId.forEach((id, i) => {
    tenant.xpm.staff.push({ UUID: id, Name: data.staff.name[i], Email: data.staff.email[i], WeeklyCapacity: data.staff.capacity[i], BillableRate: data.staff.billableRate[i], CostRate: data.staff.costRate[i], IsActive: "true" });
  });
  data.jobs.externalId.forEach((id, i) => {
    jobNumber.set(id, data.jobs.number[i]!);
    tenant.xpm.jobs.push({
      UUID: id, ID: data.jobs.number[i], Name: data.jobs.name[i], State: data.jobs.state[i], Description: "",
      StartDate: `${data.jobs.startDate[i]}T00:00:00`, DueDate: `${data.jobs.dueDate[i]}T00:00:00`,
      CompletedDate: data.jobs.completedDate[i] ? `${data.jobs.completedDate[i]}T00:00:00` : "",
      Budget: data.jobs.budget[i], Client: { UUID: data.jobs.client[i], Name: clientName.get(data.jobs.client[i]!) },
    });
  });
  data.timeEntries.externalId.forEach((id, i) => {
    tenant.xpm.time.push({
      UUID: id, Job: { ID: jobNumber.get(data.timeEntries.job[i]!), UUID: data.timeEntries.job[i] }, Task: { Name: data.timeEntries.task[i] },
      Staff: { UUID: data.timeEntries.staff[i] }, Date: `${data.timeEntries.date[i]}T00:00:00`, Minutes: data.timeEntries.minutes[i],
      Note: "", Billable: data.timeEntries.billable[i] ? "true" : "false", BillableRate: data.timeEntries.rate[i],
      InvoiceTaskUUID: data.timeEntries.invoiceTask[i] ?? "",
    });
  });
  data.costs.externalId.forEach((id, i) => {
    tenant.xpm.costs.push({
      UUID: id, JobUUID: data.costs.job[i], Date: `${data.costs.date[i]}T00:00:00`, Description: data.costs.description[i],
      Quantity: data.costs.quantity[i], UnitCost: data.costs.unitCost[i], UnitPrice: data.costs.unitPrice[i],
      Billable: data.costs.billable[i] ? "Yes" : "No", InvoiceUUID: data.costs.invoice[i] ?? "", Note: "",
    });
  });
  data.xpmInvoices.externalId.forEach((id, i) => {
    tenant.xpm.invoices.push({
      UUID: id, ID: data.xpmInvoices.number[i], Type: "Progress Invoice", Status: data.xpmInvoices.status[i],
      Date: `${data.xpmInvoices.date[i]}T00:00:00`, DueDate: `${data.xpmInvoices.dueDate[i]}T00:00:00`,
      Amount: data.xpmInvoices.amount[i], AmountTax: data.xpmInvoices.tax[i], AmountIncludingTax: data.xpmInvoices.total[i],
      AmountPaid: data.xpmInvoices.paid[i], AmountOutstanding: data.xpmInvoices.outstanding[i],
      Client: { UUID: data.xpmInvoices.client[i], Name: clientName.get(data.xpmInvoices.client[i]!) },
      ...(data.xpmInvoices.job[i] ? { Job: { ID: jobNumber.get(data.xpmInvoices.job[i]!), UUID: data.xpmInvoices.job[i] } } : {}),
    });
  });
}
