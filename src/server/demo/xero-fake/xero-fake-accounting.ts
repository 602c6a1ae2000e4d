import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { FakeHttpError, msDate, type AccountingEntity, type FakeTenant, type StoredRecord } from "./xero-fake-data";

/**
 * The Accounting API's read side (reference/integrations.md §2, xero_accounting.yaml): the envelope
 * (`Id`, `Status`, `ProviderName`, `DateTimeUTC`, lower-case `pagination` only when paged), `page` and
 * `pageSize` (LineItems only on paged Invoices), If-Modified-Since to the second, `order=UpdatedDateUTC
 * ASC`, `IDs`, `Statuses`, `ContactIDs`, `includeArchived`, a simple `where` (`Type==`, `Status==`),
 * JSON only with `Accept: application/json` (406 otherwise), and a malformed-page mode.
 */
const PAGED: AccountingEntity[] = ["Contacts", "Invoices", "Payments"];
const ID_FIELD: Record<AccountingEntity, string> = { Contacts: "ContactID", Invoices: "InvoiceID", Payments: "PaymentID", Accounts: "AccountID" };

function validationError(message: string) {
  return new FakeHttpError(400, JSON.stringify({ ErrorNumber: 16, Type: "QueryParseException", Message: message }));
}

function applyWhere(records: StoredRecord[], where: string): StoredRecord[] {
  let out = records;
  for (const clause of where.split("&&").map((c) => c.trim()).filter(Boolean)) {
    const m = /^(Type|Status|ContactStatus)\s*==\s*"([A-Z]+)"$/.exec(clause);
    if (!m) throw validationError(`The where clause is not supported by this fake: ${clause}`);
    out = out.filter((r) => r.json[m[1]!] === m[2]);
  }
  return out;
}

export function handleAccounting(tenant: FakeTenant, req: IncomingMessage, u: URL, nowMs: number, malformed: boolean): { status: number; contentType: string; body: string } {
  const accept = req.headers.accept ?? "";
  if (!accept.includes("application/json")) throw new FakeHttpError(406, "Not Acceptable: this fake answers JSON only; send Accept: application/json", "text/plain");
  const [entityName, id] = u.pathname.slice("/api.xro/2.0/".length).split("/");
  if (entityName === "Organisation") {
    return {
      status: 200, contentType: "application/json; charset=utf-8",
      body: JSON.stringify({ Id: randomUUID(), Status: "OK", ProviderName: "XeroPulse", DateTimeUTC: msDate(nowMs), Organisations: [{ OrganisationID: tenant.tenantId, Name: tenant.tenantName, BaseCurrency: tenant.baseCurrency, Timezone: "NEWZEALANDSTANDARDTIME", FinancialYearEndDay: 31, FinancialYearEndMonth: 3, IsDemoCompany: false }] }),
    };
  }
  const entity = (["Contacts", "Invoices", "Payments", "Accounts"] as const).find((e) => e === entityName);
  if (!entity) throw new FakeHttpError(404, "The resource you're looking for cannot be found", "text/plain");
  const q = u.searchParams;
  let records = [...tenant.accounting[entity].values()];

  if (id) {
    const one = tenant.accounting[entity].get(id);
    if (!one) throw new FakeHttpError(404, "The resource you're looking for cannot be found", "text/plain");
    records = [one];
  }
  const ims = req.headers["if-modified-since"];
  if (typeof ims === "string") {
    const since = Date.parse(ims.endsWith("Z") || /[+-]\d{2}:?\d{2}$|GMT$/.test(ims) ? ims : `${ims}Z`);
    if (Number.isNaN(since)) throw validationError("If-Modified-Since is not a valid date");
    // Second precision on both sides.
    const sinceSec = Math.floor(since / 1000);
    records = records.filter((r) => Math.floor(r.updatedMs / 1000) >= sinceSec);
  }
  if (entity === "Contacts" && q.get("includeArchived") !== "true" && !id) records = records.filter((r) => r.json.ContactStatus !== "ARCHIVED");
  const ids = q.get("IDs");
  if (ids) {
    const set = new Set(ids.split(",").map((s) => s.trim().toLowerCase()));
    records = records.filter((r) => set.has(String(r.json[ID_FIELD[entity]]).toLowerCase()));
  }
  const statuses = q.get("Statuses");
  if (statuses && entity === "Invoices") {
    const set = new Set(statuses.split(","));
    records = records.filter((r) => set.has(String(r.json.Status)));
  }
  const contactIds = q.get("ContactIDs");
  if (contactIds && entity === "Invoices") {
    const set = new Set(contactIds.split(",").map((s) => s.trim().toLowerCase()));
    records = records.filter((r) => set.has(String((r.json.Contact as { ContactID: string }).ContactID).toLowerCase()));
  }
  const where = q.get("where");
  if (where) records = applyWhere(records, where);
  const order = q.get("order");
  if (order) {
    const m = /^UpdatedDateUTC\s*(ASC|DESC)?$/i.exec(order.trim());
    if (!m) throw validationError(`The order clause is not supported by this fake: ${order}`);
    const dir = (m[1] ?? "ASC").toUpperCase() === "DESC" ? -1 : 1;
    records = [...records].sort((a, b) => dir * (a.updatedMs - b.updatedMs));
  }

  const pageParam = q.get("page");
  const paged = pageParam !== null && PAGED.includes(entity);
  let pagination: { page: number; pageSize: number; pageCount: number; itemCount: number } | undefined;
  if (paged) {
    const page = Number(pageParam);
    const pageSize = q.get("pageSize") === null ? 100 : Number(q.get("pageSize"));
    if (!Number.isInteger(page) || page < 1) throw validationError("page must be a positive integer");
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw validationError("pageSize must be between 1 and 1000");
    pagination = { page, pageSize, pageCount: Math.ceil(records.length / pageSize), itemCount: records.length };
    records = records.slice((page - 1) * pageSize, page * pageSize);
  }
  const items = records.map((r) => {
    const json: Record<string, unknown> = { ...r.json, UpdatedDateUTC: msDate(r.updatedMs) };
    // An unpaged Invoices list leaves out line items (GET by id keeps them).
    if (entity === "Invoices" && !paged && !id) delete json.LineItems;
    return json;
  });
  const body = JSON.stringify({ Id: randomUUID(), Status: "OK", ProviderName: "XeroPulse", DateTimeUTC: msDate(nowMs), ...(pagination ? { pagination } : {}), [entity]: items });
  // Raw JSON shows dates as \/Date(…)\/ just as Xero's does; JSON.parse turns them back.
  const wire = body.replace(/"\/Date\((-?\d+)([+-]\d{4})?\)\/"/g, (_m, ms: string, off?: string) => `"\\/Date(${ms}${off ?? ""})\\/"`);
  return { status: 200, contentType: "application/json; charset=utf-8", body: malformed ? wire.slice(0, Math.floor(wire.length / 2)) : wire };
}
