/**
 * Xero Practice Manager v3.1 reads (reference/integrations.md §5): XML through fast-xml-parser,
 * `<Status>` checked on every answer (XPM reports errors inside HTTP 200), the collections that must
 * always be arrays declared as such (one child still parses as a list), Yes/No booleans, empty
 * elements, and year-bounded `from/to` walked one window at a time. Rows are shaped like xpm_*.
 */
import { XMLParser } from "fast-xml-parser";
import { xeroGet, type XeroHttpOptions } from "./xero-http.ts";
import { xpmDateOnly, xpmRequestDate } from "./xero-dates.ts";
import { SyncError } from "./sync-errors.ts";

export interface XpmClientRow { external_id: string; name: string; email: string | null; is_archived: boolean }
export interface XpmStaffRow { external_id: string; name: string; email: string | null; is_active: boolean; weekly_capacity_hours: number; billable_rate: number; cost_rate: number }
export interface XpmJobRow { external_id: string; job_number: string; client_external_id: string; name: string; state: string; start_date: string | null; due_date: string | null; completed_date: string | null; budget: number | null }
export interface XpmTimeRow { external_id: string; job_external_id: string; staff_external_id: string; task_name: string | null; entry_date: string; minutes: number; billable: boolean; billable_rate: number; invoice_task_external_id: string | null }
export interface XpmCostRow { external_id: string; job_external_id: string; cost_date: string; description: string | null; quantity: number; unit_cost: number; unit_price: number; billable: boolean; invoice_external_id: string | null }
export interface XpmInvoiceRow { external_id: string; invoice_number: string; client_external_id: string; job_external_id: string | null; type: string; status: "Draft" | "Approved" | "Paid" | "Cancelled"; invoice_date: string; due_date: string | null; amount: number; amount_tax: number; amount_including_tax: number; amount_paid: number; amount_outstanding: number }

const ARRAYS = new Set(["Clients.Client", "StaffList.Staff", "Jobs.Job", "Times.Time", "Costs.Cost", "Invoices.Invoice", "Contacts.Contact", "Tasks.Task"]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false, // keep "0012" and "Yes" as text; we convert field by field
  trimValues: true,
  isArray: (_name, jpath) => {
    const parts = String(jpath).split(".");
    return ARRAYS.has(parts.slice(-2).join("."));
  },
});

type Node = Record<string, unknown>;

const text = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === "object") return null; // an empty element parses as ""; an object here is not a value
  const s = String(v).trim();
  return s === "" ? null : s;
};
const num = (v: unknown, fallback = 0): number => {
  const s = text(v);
  if (s === null) return fallback;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new SyncError("malformed_response", `XPM sent "${s}" where a number belongs.`, true);
  return n;
};
const bool = (v: unknown, fallback = false): boolean => {
  const s = text(v)?.toLowerCase();
  if (s === undefined) return fallback;
  if (s === "true" || s === "yes") return true;
  if (s === "false" || s === "no") return false;
  throw new SyncError("malformed_response", `XPM sent "${s}" where Yes/No belongs.`, true);
};
const required = (v: unknown, what: string): string => {
  const s = text(v);
  if (s === null) throw new SyncError("malformed_response", `XPM sent a record without ${what}.`, true);
  return s;
};
const child = (n: unknown, key: string): Node => (n && typeof n === "object" && typeof (n as Node)[key] === "object" ? ((n as Node)[key] as Node) : {});
const list = (n: Node, container: string, item: string): Node[] => {
  const c = n[container];
  if (c === undefined || c === "" || c === null) return [];
  const items = (c as Node)[item];
  return Array.isArray(items) ? (items as Node[]) : [];
};

/** Parses an XPM answer and checks `<Status>`: ERROR (even in a 200) and unparseable bodies throw. */
export function parseXpmResponse(xml: string): Node {
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch {
    throw new SyncError("malformed_response", "XPM sent a page that is not well-formed XML.", true);
  }
  const response = doc.Response as Node | undefined;
  if (!response || typeof response !== "object") throw new SyncError("malformed_response", "XPM sent XML without a <Response> element.", true);
  const status = text(response.Status);
  if (status !== "OK") {
    throw new SyncError("xpm_error", `XPM reported an error: ${text(response.ErrorDescription) ?? `status ${status ?? "missing"}`}.`, false);
  }
  return response;
}

export function mapXpmClient(c: Node): XpmClientRow {
  return { external_id: required(c.UUID, "a UUID"), name: required(c.Name, "a name").slice(0, 255), email: text(c.Email), is_archived: bool(c.IsArchived) || bool(c.IsDeleted) };
}
export function mapXpmStaff(s: Node): XpmStaffRow {
  return {
    external_id: required(s.UUID, "a UUID"),
    name: required(s.Name, "a name").slice(0, 255),
    email: text(s.Email),
    is_active: !bool(s.IsDeleted) && bool(s.IsActive, true),
    weekly_capacity_hours: num(s.WeeklyCapacity, 37.5),
    billable_rate: num(s.BillableRate),
    cost_rate: num(s.CostRate),
  };
}
export function mapXpmJob(j: Node): XpmJobRow {
  return {
    external_id: required(j.UUID, "a UUID"),
    job_number: required(j.ID, "a job number"),
    client_external_id: required(child(j, "Client").UUID, "a client"),
    name: required(j.Name, "a name").slice(0, 255),
    state: required(j.State, "a state"),
    start_date: xpmDateOnly(j.StartDate),
    due_date: xpmDateOnly(j.DueDate),
    completed_date: xpmDateOnly(j.CompletedDate),
    budget: text(j.Budget) === null ? null : num(j.Budget),
  };
}
export function mapXpmTime(t: Node): XpmTimeRow {
  return {
    external_id: required(t.UUID, "a UUID"),
    job_external_id: required(child(t, "Job").UUID ?? child(t, "Job").ID, "a job"),
    staff_external_id: required(child(t, "Staff").UUID, "a staff member"),
    task_name: text(child(t, "Task").Name),
    entry_date: xpmDateOnly(t.Date) ?? required(null, "a date"),
    minutes: Math.trunc(num(t.Minutes)),
    billable: bool(t.Billable),
    billable_rate: num(t.BillableRate),
    invoice_task_external_id: text(t.InvoiceTaskUUID),
  };
}
export function mapXpmCost(c: Node): XpmCostRow {
  return {
    external_id: required(c.UUID, "a UUID"),
    job_external_id: required(child(c, "Job").UUID, "a job"),
    cost_date: xpmDateOnly(c.Date) ?? required(null, "a date"),
    description: text(c.Description),
    quantity: num(c.Quantity, 1),
    unit_cost: num(c.UnitCost),
    unit_price: num(c.UnitPrice),
    billable: bool(c.Billable, true),
    invoice_external_id: text(c.InvoiceUUID),
  };
}
const XPM_INVOICE_STATUSES = new Set(["Draft", "Approved", "Paid", "Cancelled"]);
export function mapXpmInvoice(i: Node): XpmInvoiceRow {
  const status = required(i.Status, "a status");
  if (!XPM_INVOICE_STATUSES.has(status)) throw new SyncError("malformed_response", `XPM sent an invoice with an unknown status "${status}".`, true);
  return {
    external_id: required(i.UUID, "a UUID"),
    invoice_number: required(i.ID, "an invoice number"),
    client_external_id: required(child(i, "Client").UUID, "a client"),
    job_external_id: text(child(i, "Job").UUID),
    type: text(i.Type) ?? "Progress Invoice",
    status: status as XpmInvoiceRow["status"],
    invoice_date: xpmDateOnly(i.Date) ?? required(null, "a date"),
    due_date: xpmDateOnly(i.DueDate),
    amount: num(i.Amount),
    amount_tax: num(i.AmountTax),
    amount_including_tax: num(i.AmountIncludingTax),
    amount_paid: num(i.AmountPaid),
    amount_outstanding: num(i.AmountOutstanding),
  };
}

export interface XpmClientOptions extends XeroHttpOptions {
  /** e.g. https://api.xero.com/practicemanager/3.1 */
  baseUrl: string;
}

/** One-year (366-day at most) windows covering [from, to], oldest first. */
export function yearWindows(from: Date, to: Date): { from: Date; to: Date }[] {
  const windows: { from: Date; to: Date }[] = [];
  let start = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  while (start <= to) {
    const end = new Date(Math.min(start.getTime() + 364 * 86_400_000, to.getTime()));
    windows.push({ from: start, to: end });
    start = new Date(end.getTime() + 86_400_000);
  }
  return windows;
}

export class XpmClient {
  constructor(private readonly options: XpmClientOptions) {}

  private async get(path: string, params: Record<string, string> = {}): Promise<Node> {
    const url = new URL(`${this.options.baseUrl.replace(/\/$/, "")}/${path}`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const response = await xeroGet(url.toString(), { accept: "application/xml" }, this.options);
    return parseXpmResponse(response.text);
  }

  async clients(modifiedSince?: Date | null): Promise<XpmClientRow[]> {
    const params: Record<string, string> = { detailed: "true" };
    if (modifiedSince) params.modifiedsince = modifiedSince.toISOString().slice(0, 19);
    return list(await this.get("client.api/list", params), "Clients", "Client").map(mapXpmClient);
  }
  async staff(): Promise<XpmStaffRow[]> {
    return list(await this.get("staff.api/list"), "StaffList", "Staff").map(mapXpmStaff);
  }
  private async windowed<T>(path: string, container: string, item: string, map: (n: Node) => T & { external_id: string }, from: Date, to: Date): Promise<T[]> {
    // Windows may overlap on records that span them (jobs): merge by UUID, later windows winning.
    const byId = new Map<string, T>();
    for (const w of yearWindows(from, to)) {
      const page = await this.get(path, { from: xpmRequestDate(w.from), to: xpmRequestDate(w.to) });
      for (const row of list(page, container, item).map(map)) byId.set(row.external_id, row);
    }
    return [...byId.values()];
  }
  jobs(from: Date, to: Date): Promise<XpmJobRow[]> {
    return this.windowed("job.api/list", "Jobs", "Job", mapXpmJob, from, to);
  }
  time(from: Date, to: Date): Promise<XpmTimeRow[]> {
    return this.windowed("time.api/list", "Times", "Time", mapXpmTime, from, to);
  }
  invoices(from: Date, to: Date): Promise<XpmInvoiceRow[]> {
    return this.windowed("invoice.api/list", "Invoices", "Invoice", mapXpmInvoice, from, to);
  }
  /** Job costs live per job (`job.api/costs/{jobNumber}`): one call per job, each cost tagged with its job's UUID. */
  async costs(jobs: Pick<XpmJobRow, "job_number" | "external_id">[]): Promise<XpmCostRow[]> {
    const rows: XpmCostRow[] = [];
    for (const job of jobs) {
      const items = list(await this.get(`job.api/costs/${encodeURIComponent(job.job_number)}`), "Costs", "Cost");
      rows.push(...items.map((c) => mapXpmCost({ ...c, Job: { UUID: job.external_id } })));
    }
    return rows;
  }
}
