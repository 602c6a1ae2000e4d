/**
 * Xero Accounting API reads for the sync (reference/integrations.md §2): Contacts, Invoices (with
 * line items, which only paged answers carry), Payments and Accounts as JSON, paged with `page` and
 * `pageSize`, incremental through If-Modified-Since with `order=UpdatedDateUTC ASC`, mapped to rows
 * shaped like the xero_* tables. A page that does not have the documented shape fails the call: a
 * half-understood page is never written.
 */
import { z } from "zod";
import { ifModifiedSinceHeader, parseXeroDate, parseXeroDateOnly } from "./xero-dates.ts";
import { xeroGet, type XeroHttpOptions } from "./xero-http.ts";
import { SyncError } from "./sync-errors.ts";

export interface XeroContactRow {
  external_id: string;
  name: string;
  email: string | null;
  is_customer: boolean;
  is_supplier: boolean;
  contact_status: "ACTIVE" | "ARCHIVED" | "GDPRREQUEST";
  updated_date_utc: string | null;
}
export interface XeroAccountRow {
  external_id: string;
  code: string | null;
  name: string;
  type: string;
  class: "ASSET" | "EQUITY" | "EXPENSE" | "LIABILITY" | "REVENUE" | null;
  status: "ACTIVE" | "ARCHIVED" | "DELETED";
  updated_date_utc: string | null;
}
export interface XeroInvoiceLine {
  line_item_id: string | null;
  description: string | null;
  quantity: number;
  unit_amount: number;
  line_amount: number;
  account_code: string | null;
}
export interface XeroInvoiceRow {
  external_id: string;
  invoice_number: string | null;
  type: "ACCREC" | "ACCPAY";
  status: "DRAFT" | "SUBMITTED" | "AUTHORISED" | "PAID" | "VOIDED" | "DELETED";
  contact_external_id: string;
  date: string;
  due_date: string | null;
  sub_total: number;
  total_tax: number;
  total: number;
  amount_due: number;
  amount_paid: number;
  amount_credited: number;
  currency_code: string;
  fully_paid_on_date: string | null;
  updated_date_utc: string | null;
  /** Not a column of xero_invoices: kept for callers that store or check lines. */
  line_items: XeroInvoiceLine[];
}
export interface XeroPaymentRow {
  external_id: string;
  invoice_external_id: string;
  account_external_id: string | null;
  payment_type: "ACCRECPAYMENT" | "ACCPAYPAYMENT";
  status: "AUTHORISED" | "DELETED";
  date: string;
  amount: number;
  currency_code: string;
  updated_date_utc: string | null;
}

const msDate = z.string().refine((v) => parseXeroDate(v) !== null, "not a /Date(…)/ value");
const money = z.number().finite();

const contactSchema = z.object({
  ContactID: z.string().min(1),
  Name: z.string().optional(),
  EmailAddress: z.string().optional().nullable(),
  IsCustomer: z.boolean().optional(),
  IsSupplier: z.boolean().optional(),
  ContactStatus: z.enum(["ACTIVE", "ARCHIVED", "GDPRREQUEST"]).optional(),
  UpdatedDateUTC: msDate.optional(),
});
const accountSchema = z.object({
  AccountID: z.string().min(1),
  Code: z.string().optional().nullable(),
  Name: z.string().min(1),
  Type: z.string().min(1),
  Class: z.enum(["ASSET", "EQUITY", "EXPENSE", "LIABILITY", "REVENUE"]).optional().nullable(),
  Status: z.enum(["ACTIVE", "ARCHIVED", "DELETED"]).optional(),
  UpdatedDateUTC: msDate.optional(),
});
const lineSchema = z.object({
  LineItemID: z.string().optional(),
  Description: z.string().optional().nullable(),
  Quantity: z.number().optional(),
  UnitAmount: z.number().optional(),
  LineAmount: z.number().optional(),
  AccountCode: z.string().optional().nullable(),
});
const invoiceSchema = z.object({
  InvoiceID: z.string().min(1),
  InvoiceNumber: z.string().optional().nullable(),
  Type: z.enum(["ACCREC", "ACCPAY"]),
  Status: z.enum(["DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED"]),
  Contact: z.object({ ContactID: z.string().min(1) }),
  Date: msDate,
  DueDate: msDate.optional().nullable(),
  SubTotal: money.optional(),
  TotalTax: money.optional(),
  Total: money.optional(),
  AmountDue: money.optional(),
  AmountPaid: money.optional(),
  AmountCredited: money.optional(),
  CurrencyCode: z.string().regex(/^[A-Z]{3}$/),
  FullyPaidOnDate: msDate.optional().nullable(),
  UpdatedDateUTC: msDate.optional(),
  LineItems: z.array(lineSchema).optional(),
});
const paymentSchema = z.object({
  PaymentID: z.string().min(1),
  Date: msDate,
  Amount: money,
  PaymentType: z.string(),
  Status: z.enum(["AUTHORISED", "DELETED"]).optional(),
  Invoice: z.object({ InvoiceID: z.string().min(1), CurrencyCode: z.string().optional() }).optional(),
  Account: z.object({ AccountID: z.string().optional() }).optional().nullable(),
  UpdatedDateUTC: msDate.optional(),
});
const pagination = z.object({ page: z.number().int(), pageSize: z.number().int(), pageCount: z.number().int(), itemCount: z.number().int() });

const iso = (v: string | undefined | null) => (v ? parseXeroDate(v)!.toISOString() : null);
const day = (v: string | undefined | null) => (v ? parseXeroDateOnly(v) : null);

export function mapContact(c: z.infer<typeof contactSchema>): XeroContactRow {
  return {
    external_id: c.ContactID,
    // GDPR-scrubbed contacts may come back without a name; the column requires one.
    name: c.Name && c.Name.trim() !== "" ? c.Name.slice(0, 255) : "(no name)",
    email: c.EmailAddress || null,
    is_customer: c.IsCustomer ?? false,
    is_supplier: c.IsSupplier ?? false,
    contact_status: c.ContactStatus ?? "ACTIVE",
    updated_date_utc: iso(c.UpdatedDateUTC),
  };
}

export function mapAccount(a: z.infer<typeof accountSchema>): XeroAccountRow {
  return {
    external_id: a.AccountID,
    code: a.Code || null,
    name: a.Name.slice(0, 150),
    type: a.Type,
    class: a.Class ?? null,
    status: a.Status ?? "ACTIVE",
    updated_date_utc: iso(a.UpdatedDateUTC),
  };
}

export function mapInvoice(i: z.infer<typeof invoiceSchema>, baseCurrency: string): XeroInvoiceRow {
  return {
    external_id: i.InvoiceID,
    invoice_number: i.InvoiceNumber || null,
    type: i.Type,
    status: i.Status,
    contact_external_id: i.Contact.ContactID,
    date: day(i.Date)!,
    due_date: day(i.DueDate),
    sub_total: i.SubTotal ?? 0,
    total_tax: i.TotalTax ?? 0,
    total: i.Total ?? 0,
    amount_due: i.AmountDue ?? 0,
    amount_paid: i.AmountPaid ?? 0,
    amount_credited: i.AmountCredited ?? 0,
    currency_code: i.CurrencyCode ?? baseCurrency,
    fully_paid_on_date: day(i.FullyPaidOnDate),
    updated_date_utc: iso(i.UpdatedDateUTC),
    line_items: (i.LineItems ?? []).map((l) => ({
      line_item_id: l.LineItemID ?? null,
      description: l.Description ?? null,
      quantity: l.Quantity ?? 0,
      unit_amount: l.UnitAmount ?? 0,
      line_amount: l.LineAmount ?? 0,
      account_code: l.AccountCode ?? null,
    })),
  };
}

/** Payments of credit notes, prepayments and overpayments have no invoice row to hang on: skipped (null). */
export function mapPayment(p: z.infer<typeof paymentSchema>, baseCurrency: string): XeroPaymentRow | null {
  if ((p.PaymentType !== "ACCRECPAYMENT" && p.PaymentType !== "ACCPAYPAYMENT") || !p.Invoice) return null;
  return {
    external_id: p.PaymentID,
    invoice_external_id: p.Invoice.InvoiceID,
    account_external_id: p.Account?.AccountID ?? null,
    payment_type: p.PaymentType,
    status: p.Status ?? "AUTHORISED",
    date: day(p.Date)!,
    amount: p.Amount,
    currency_code: p.Invoice.CurrencyCode ?? baseCurrency,
    updated_date_utc: iso(p.UpdatedDateUTC),
  };
}

export type PagedEntity = "Contacts" | "Invoices" | "Payments";
type RowOf<E extends PagedEntity> = E extends "Contacts" ? XeroContactRow : E extends "Invoices" ? XeroInvoiceRow : XeroPaymentRow;

export interface XeroPage<Row> {
  page: number;
  rows: Row[];
  /** Items on the page as Xero sent them (rows can be fewer: unsupported payment types). */
  itemCount: number;
  pageCount: number | null;
  /** The newest UpdatedDateUTC on the page: the next checkpoint once the page is stored. */
  maxUpdated: string | null;
  done: boolean;
}

export interface AccountingClientOptions extends XeroHttpOptions {
  /** e.g. https://api.xero.com/api.xro/2.0 */
  baseUrl: string;
  baseCurrency?: string;
}

const organisationSchema = z.object({ Name: z.string().nullish(), BaseCurrency: z.string().regex(/^[A-Za-z]{3}$/) });

/** Pages read ahead of the one being stored: each holds up to 1,000 invoices with their lines. */
const MAX_READ_AHEAD = 4;

const schemas = { Contacts: contactSchema, Invoices: invoiceSchema, Payments: paymentSchema } as const;

function parseEnvelope(text: string, key: string, what: string): { items: unknown[]; pagination: z.infer<typeof pagination> | null } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new SyncError("malformed_response", `Xero sent a ${what} page that is not JSON.`, true);
  }
  const envelope = z.object({ Status: z.string().optional(), pagination: pagination.optional(), [key]: z.array(z.unknown()) }).safeParse(body);
  if (!envelope.success) throw new SyncError("malformed_response", `Xero sent a ${what} page without a ${key} list.`, true);
  const data = envelope.data as { Status?: string; pagination?: z.infer<typeof pagination> } & Record<string, unknown>;
  if (data.Status !== undefined && data.Status !== "OK") throw new SyncError("malformed_response", `Xero answered ${what} with Status ${data.Status}.`, true);
  return { items: data[key] as unknown[], pagination: data.pagination ?? null };
}

export class XeroAccountingClient {
  constructor(private readonly options: AccountingClientOptions) {}

  private headers(modifiedSince?: Date | null): Record<string, string> {
    const h: Record<string, string> = { accept: "application/json" };
    if (modifiedSince) h["if-modified-since"] = ifModifiedSinceHeader(modifiedSince);
    return h;
  }

  /** One page of a paged entity; `modifiedSince` null means a full read. */
  async fetchPage<E extends PagedEntity>(entity: E, page: number, opts: { modifiedSince?: Date | null; pageSize?: number } = {}): Promise<XeroPage<RowOf<E>>> {
    const pageSize = opts.pageSize ?? 100;
    const url = new URL(`${this.options.baseUrl.replace(/\/$/, "")}/${entity}`);
    url.searchParams.set("page", String(page));
    url.searchParams.set("pageSize", String(pageSize));
    url.searchParams.set("order", "UpdatedDateUTC ASC");
    // Archived contacts are left out by default; a sync must see them to reflect the status change.
    if (entity === "Contacts") url.searchParams.set("includeArchived", "true");
    const response = await xeroGet(url.toString(), this.headers(opts.modifiedSince), this.options);
    const { items, pagination: p } = parseEnvelope(response.text, entity, entity.toLowerCase());
    const base = this.options.baseCurrency ?? "AUD";
    const rows: RowOf<E>[] = [];
    let maxUpdated: string | null = null;
    for (const item of items) {
      const parsed = schemas[entity].safeParse(item);
      if (!parsed.success) {
        throw new SyncError("malformed_response", `Xero sent a ${entity.toLowerCase()} item that does not have the documented shape (${parsed.error.issues[0]?.path.join(".")}).`, true);
      }
      const row =
        entity === "Contacts"
          ? mapContact(parsed.data as z.infer<typeof contactSchema>)
          : entity === "Invoices"
            ? mapInvoice(parsed.data as z.infer<typeof invoiceSchema>, base)
            : mapPayment(parsed.data as z.infer<typeof paymentSchema>, base);
      const updated = iso((parsed.data as { UpdatedDateUTC?: string }).UpdatedDateUTC);
      if (updated && (!maxUpdated || updated > maxUpdated)) maxUpdated = updated;
      if (row) rows.push(row as RowOf<E>);
    }
    const done = items.length < pageSize || (p !== null && page >= p.pageCount);
    return { page, rows, itemCount: items.length, pageCount: p?.pageCount ?? null, maxUpdated, done };
  }

  /**
   * Every page from `startPage` (a resumed run starts after its last stored page), in order, read
   * ahead of the caller: while it stores one page, up to `readAhead` later ones are on their way, so
   * a sync under Xero's limits keeps its concurrent calls busy instead of waiting on each write.
   * Pages past the count Xero gave are never asked for; without a count, only the next one (a full
   * page may not be the last). Default: the tenant's concurrency less one, at most 4 (memory).
   */
  async *pages<E extends PagedEntity>(
    entity: E,
    opts: { modifiedSince?: Date | null; pageSize?: number; startPage?: number; readAhead?: number } = {},
  ): AsyncGenerator<XeroPage<RowOf<E>>> {
    const readAhead = Math.max(0, opts.readAhead ?? Math.min(MAX_READ_AHEAD, this.options.limiter.limits.concurrent - 1));
    const pageSize = opts.pageSize ?? 100;
    const inFlight = new Map<number, Promise<XeroPage<RowOf<E>>>>();
    const request = (page: number) => {
      if (inFlight.has(page)) return;
      const answer = this.fetchPage(entity, page, opts);
      // A page read ahead that fails is reported at its turn (or not at all if the walk stops first).
      answer.catch(() => undefined);
      inFlight.set(page, answer);
    };
    for (let page = opts.startPage ?? 1; ; page++) {
      request(page);
      const result = await inFlight.get(page)!;
      inFlight.delete(page);
      if (!result.done && readAhead > 0) {
        const last = result.pageCount ?? (result.itemCount >= pageSize ? page + 1 : page);
        for (let next = page + 1; next <= Math.min(last, page + readAhead); next++) request(next);
      }
      yield result;
      if (result.done) return;
    }
  }

  /** The organisation itself (GET /Organisation): its name and the currency its books are kept in. */
  async fetchOrganisation(): Promise<{ name: string | null; baseCurrency: string }> {
    const url = `${this.options.baseUrl.replace(/\/$/, "")}/Organisation`;
    const response = await xeroGet(url, this.headers(), this.options);
    const { items } = parseEnvelope(response.text, "Organisations", "organisation");
    const parsed = organisationSchema.safeParse(items[0]);
    if (!parsed.success) throw new SyncError("malformed_response", "Xero sent an organization without its base currency.", true);
    return { name: parsed.data.Name ?? null, baseCurrency: parsed.data.BaseCurrency.toUpperCase() };
  }

  /** The whole chart of accounts (not paged). */
  async fetchAccounts(opts: { modifiedSince?: Date | null } = {}): Promise<XeroAccountRow[]> {
    const url = `${this.options.baseUrl.replace(/\/$/, "")}/Accounts`;
    const response = await xeroGet(url, this.headers(opts.modifiedSince), this.options);
    const { items } = parseEnvelope(response.text, "Accounts", "accounts");
    return items.map((item) => {
      const parsed = accountSchema.safeParse(item);
      if (!parsed.success) throw new SyncError("malformed_response", "Xero sent an account that does not have the documented shape.", true);
      return mapAccount(parsed.data);
    });
  }
}
