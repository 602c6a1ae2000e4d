import { FakeHttpError, type FakeTenant } from "./xero-fake-data";

/**
 * Xero Practice Manager v3.1 in XML (reference/integrations.md §5): `<Response><Status>OK</Status>…`,
 * `text/xml`, `from`/`to` as YYYYMMDD required and at most 366 days apart (400 otherwise), empty
 * elements written `<Note />`, Yes/No booleans where XPM uses them, single-element collections, an
 * `<Status>ERROR</Status>` inside a 200 on demand, and a malformed-page mode.
 */
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function element(name: string, value: unknown): string {
  if (value === undefined || value === null || value === "") return `<${name} />`;
  if (typeof value === "object") return `<${name}>${Object.entries(value as Record<string, unknown>).map(([k, v]) => element(k, v)).join("")}</${name}>`;
  return `<${name}>${escape(String(value))}</${name}>`;
}

const ok = (inner: string) => ({ status: 200, contentType: "text/xml; charset=utf-8", body: `<?xml version="1.0" encoding="utf-8"?>\n<Response api-method="Current"><Status>OK</Status>${inner}</Response>` });
const xmlError = (status: number, description: string) => ({ status, contentType: "text/xml; charset=utf-8", body: `<Response><Status>ERROR</Status><ErrorDescription>${escape(description)}</ErrorDescription></Response>` });

function parseDay(v: string | null): number | null {
  if (!v || !/^\d{8}$/.test(v)) return null;
  const ms = Date.parse(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}

function range(q: URLSearchParams): { from: number; to: number } {
  const from = parseDay(q.get("from"));
  const to = parseDay(q.get("to"));
  if (from === null || to === null) throw new FakeHttpError(400, xmlError(400, "The from and to parameters are required (YYYYMMDD).").body, "text/xml");
  if (to < from || to - from > 366 * 86_400_000) throw new FakeHttpError(400, xmlError(400, "The date range cannot span more than one year.").body, "text/xml");
  return { from, to: to + 86_400_000 - 1 };
}

const dayOf = (v: unknown) => (typeof v === "string" && v ? Date.parse(`${v.slice(0, 10)}T00:00:00Z`) : null);

export function handleXpm(tenant: FakeTenant, path: string, q: URLSearchParams, fault: string | undefined): { status: number; contentType: string; body: string } {
  if (fault === "xpm-error") return { ...xmlError(200, "Access denied for this endpoint"), status: 200 };
  let result: { status: number; contentType: string; body: string };
  if (path === "client.api/list") {
    const since = q.get("modifiedsince");
    // Seeded clients carry no modification time: a filtered list keeps them, as a conservative server would.
    const clients = since ? tenant.xpm.clients.filter((c) => c.Modified === undefined || String(c.Modified) >= since) : tenant.xpm.clients;
    result = ok(`<Clients>${clients.map((c) => element("Client", c)).join("")}</Clients>`);
  } else if (path === "staff.api/list") {
    result = ok(`<StaffList>${tenant.xpm.staff.map((s) => element("Staff", s)).join("")}</StaffList>`);
  } else if (path === "job.api/list") {
    const { from, to } = range(q);
    const jobs = tenant.xpm.jobs.filter((j) => {
      const start = dayOf(j.StartDate) ?? 0;
      const end = dayOf(j.CompletedDate) ?? Infinity;
      return start <= to && end >= from;
    });
    result = ok(`<Jobs>${jobs.map((j) => element("Job", j)).join("")}</Jobs>`);
  } else if (path === "time.api/list") {
    const { from, to } = range(q);
    const times = tenant.xpm.time.filter((t) => { const d = dayOf(t.Date)!; return d >= from && d <= to; });
    result = ok(`<Times>${times.map((t) => element("Time", t)).join("")}</Times>`);
  } else if (path === "invoice.api/list") {
    const { from, to } = range(q);
    const invoices = tenant.xpm.invoices.filter((i) => { const d = dayOf(i.Date)!; return d >= from && d <= to; });
    result = ok(`<Invoices>${invoices.map((i) => element("Invoice", i)).join("")}</Invoices>`);
  } else if (path.startsWith("job.api/costs/")) {
    const number = decodeURIComponent(path.slice("job.api/costs/".length));
    const job = tenant.xpm.jobs.find((j) => j.ID === number);
    if (!job) return { ...xmlError(200, `Job ${number} not found`), status: 200 };
    const costs = tenant.xpm.costs.filter((c) => c.JobUUID === job.UUID).map(({ JobUUID: _job, ...c }) => c);
    result = ok(`<Costs>${costs.map((c) => element("Cost", c)).join("")}</Costs>`);
  } else {
    throw new FakeHttpError(404, "<html><body>Not Found</body></html>", "text/html");
  }
  if (fault === "malformed") result.body = result.body.slice(0, Math.floor(result.body.length / 2));
  return result;
}
