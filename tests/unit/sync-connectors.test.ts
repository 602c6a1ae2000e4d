import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RateLimiter } from "@edge-shared/sync/rate-limiter.ts";
import { DayLimitReached, SyncError } from "@edge-shared/sync/sync-errors.ts";
import { XeroAccountingClient, type XeroInvoiceRow } from "@edge-shared/sync/xero-accounting.ts";
import { buildAuthorizeUrl, exchangeAuthorizationCode, listConnections, refreshTokens, TokenSetHolder, type XeroOAuthConfig, type XeroTokenSet } from "@edge-shared/sync/xero-oauth.ts";
import { XpmClient } from "@edge-shared/sync/xpm-client.ts";
import { startXeroFake, type XeroFake } from "@/server/demo/xero-fake/xero-fake";
import type { FakeTenant } from "@/server/demo/xero-fake/xero-fake-data";

const REDIRECT = "http://localhost:3000/api/integrations/xero/callback";
let fake: XeroFake;
let org: FakeTenant;
let practice: FakeTenant;
let config: XeroOAuthConfig;

const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as SyncError);

async function connect(): Promise<XeroTokenSet> {
  const state = crypto.randomUUID();
  const res = await fetch(buildAuthorizeUrl(config, state), { redirect: "manual" });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get("location")!);
  expect(back.searchParams.get("state")).toBe(state);
  return exchangeAuthorizationCode(config, back.searchParams.get("code")!);
}

function holder(tokens: XeroTokenSet) {
  return new TokenSetHolder(tokens, (refresh) => refreshTokens(config, refresh));
}

function accounting(tokens: TokenSetHolder, limiter = new RateLimiter(), extra: { retryBaseMs?: number } = {}) {
  return new XeroAccountingClient({ baseUrl: fake.accountingUrl, tenantId: org.tenantId, tokens, limiter, retryBaseMs: extra.retryBaseMs ?? 5, baseCurrency: "NZD" });
}

async function collect<T>(pages: AsyncGenerator<{ rows: T[] }>): Promise<{ rows: T[]; pages: number }> {
  const rows: T[] = [];
  let n = 0;
  for await (const p of pages) {
    rows.push(...p.rows);
    n++;
  }
  return { rows, pages: n };
}

beforeAll(async () => {
  fake = await startXeroFake({ redirectUris: [REDIRECT] });
  org = fake.addTenant("ORGANISATION", "Acme Advisory", { invoices: 250 });
  practice = fake.addTenant("PRACTICEMANAGER", null, { invoices: 250 });
  config = { clientId: fake.clientId, clientSecret: fake.clientSecret, redirectUri: REDIRECT, authorizeUrl: fake.authorizeUrl, tokenUrl: fake.tokenUrl, apiBaseUrl: fake.apiUrl };
});
afterAll(() => fake.close());
afterEach(() => {
  fake.resetCalls();
  fake.resetLimits();
});

describe("Xero OAuth against the fake", () => {
  it("exchanges a code once, lists the consented tenants and rotates refresh tokens", async () => {
    const tokens = await connect();
    expect(tokens.scope).toContain("offline_access");
    expect(tokens.authenticationEventId).toBe(fake.decodeAccessToken(tokens.accessToken).authentication_event_id);
    expect(tokens.expiresAt - Date.now()).toBeGreaterThan(29 * 60_000);

    const connections = await listConnections(config, tokens.accessToken, tokens.authenticationEventId!);
    expect(connections.map((c) => c.tenantType).sort()).toEqual(["ORGANISATION", "PRACTICEMANAGER"]);
    expect(connections.find((c) => c.tenantType === "PRACTICEMANAGER")?.tenantName).toBeNull();
    expect(connections[0]!.createdDateUtc).toBeInstanceOf(Date);
    expect(await listConnections(config, tokens.accessToken, crypto.randomUUID())).toEqual([]);

    const rotated = await refreshTokens(config, tokens.refreshToken);
    expect(rotated.refreshToken).not.toBe(tokens.refreshToken);
    expect(rotated.accessToken).not.toBe(tokens.accessToken);
    // Response lost? The old refresh token still works inside the 30-minute grace…
    fake.advanceClock(29 * 60_000);
    const again = await refreshTokens(config, tokens.refreshToken);
    expect(again.refreshToken).not.toBe(rotated.refreshToken);
    // …and not after it: reconnect required, never a retry loop.
    fake.advanceClock(2 * 60_000);
    const late = await errorOf(refreshTokens(config, tokens.refreshToken));
    expect(late?.code).toBe("reconnect_required");
    expect(late?.retryable).toBe(false);
    // The newest token keeps working.
    expect((await refreshTokens(config, again.refreshToken)).accessToken).toBeTruthy();
    fake.advanceClock(-31 * 60_000);
  });

  it("refuses a reused code, a wrong secret and an unknown redirect", async () => {
    const res = await fetch(buildAuthorizeUrl(config, "s1"), { redirect: "manual" });
    const code = new URL(res.headers.get("location")!).searchParams.get("code")!;
    await exchangeAuthorizationCode(config, code);
    expect((await errorOf(exchangeAuthorizationCode(config, code)))?.code).toBe("reconnect_required");
    expect((await errorOf(exchangeAuthorizationCode({ ...config, clientSecret: "wrong" }, "x")))?.code).toBe("bad_request");
    const bad = await fetch(buildAuthorizeUrl({ ...config, redirectUri: "https://evil.example/cb" }, "s2"), { redirect: "manual" });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("location")).toBeNull();
  });
});

describe("Xero Accounting client", () => {
  it("pages a full sync with line items, then an incremental sync fetches only changed rows", async () => {
    const tokens = holder(await connect());
    const client = accounting(tokens);
    const full = await collect(client.pages("Invoices", { pageSize: 100 }));
    expect(full.pages).toBe(3);
    expect(full.rows).toHaveLength(250);
    expect(new Set(full.rows.map((r) => r.external_id)).size).toBe(250);
    expect(full.rows.every((r) => r.line_items.length > 0)).toBe(true);
    const stored = [...org.accounting.Invoices.values()][0]!.json;
    const mapped = full.rows.find((r) => r.external_id === stored.InvoiceID)!;
    expect(mapped.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(`/Date(${Date.parse(`${mapped.date}T00:00:00Z`)}+0000)/`).toBe(stored.Date);
    expect(mapped.total).toBe(stored.Total);
    const calls = fake.apiCalls(org.tenantId);
    expect(calls.map((c) => new URL(c.path, "http://x").searchParams.get("page"))).toEqual(["1", "2", "3"]);
    expect(calls.every((c) => c.ifModifiedSince === null)).toBe(true);

    const checkpoint = full.rows.map((r) => r.updated_date_utc!).sort().at(-1)!;
    const ids = full.rows.map((r) => r.external_id);
    fake.update(org.tenantId, "Invoices", ids[3]!, { Status: "VOIDED", AmountDue: 0 });
    fake.update(org.tenantId, "Invoices", ids[100]!, { Status: "DELETED" });
    fake.update(org.tenantId, "Invoices", ids[200]!, { Reference: "edited" });
    // A change Xero does not date (a DueDate edit on a part-paid invoice): invisible to incremental sync.
    fake.update(org.tenantId, "Invoices", ids[50]!, { Reference: "silent" }, { bumpUpdated: false });
    fake.resetCalls();

    const incremental = await collect(client.pages("Invoices", { pageSize: 100, modifiedSince: new Date(checkpoint) }));
    const newer = incremental.rows.filter((r) => r.updated_date_utc! > checkpoint);
    expect(newer.map((r) => r.external_id).sort()).toEqual([ids[3], ids[100], ids[200]].sort());
    // At most the row that set the checkpoint comes back again (second precision): an upsert absorbs it.
    expect(incremental.rows.length).toBeLessThanOrEqual(4);
    expect(incremental.rows.find((r) => r.external_id === ids[3])?.status).toBe("VOIDED");
    expect(incremental.rows.find((r) => r.external_id === ids[100])?.status).toBe("DELETED");
    expect(incremental.rows.some((r) => r.external_id === ids[50])).toBe(false);
    expect(incremental.pages).toBe(1);
    expect(fake.apiCalls(org.tenantId)[0]!.ifModifiedSince).toBe(new Date(checkpoint).toISOString().replace(/\.\d{3}Z$/, "Z"));
  });

  it("maps contacts (archived included), payments and accounts", async () => {
    const client = accounting(holder(await connect()));
    const someContact = [...org.accounting.Contacts.keys()][0]!;
    fake.update(org.tenantId, "Contacts", someContact, { ContactStatus: "ARCHIVED" });
    const contacts = await collect(client.pages("Contacts", { pageSize: 1000 }));
    expect(contacts.rows).toHaveLength(org.accounting.Contacts.size);
    expect(contacts.rows.find((c) => c.external_id === someContact)?.contact_status).toBe("ARCHIVED");
    const payments = await collect(client.pages("Payments", { pageSize: 1000 }));
    expect(payments.rows).toHaveLength(org.accounting.Payments.size);
    const p = payments.rows[0]!;
    expect(p.invoice_external_id).toBeTruthy();
    expect(["ACCRECPAYMENT", "ACCPAYPAYMENT"]).toContain(p.payment_type);
    expect(p.currency_code).toBe("NZD");
    const accounts = await client.fetchAccounts();
    expect(accounts).toHaveLength(org.accounting.Accounts.size);
    expect(accounts.every((a) => a.class !== null && a.status === "ACTIVE")).toBe(true);
  });

  it("refreshes an expired token once mid-run and replays the call", async () => {
    const tokens = holder(await connect());
    const client = accounting(tokens);
    const before = fake.stats.refreshes;
    const first = tokens.current().refreshToken;
    await client.fetchPage("Invoices", 1, { pageSize: 50 });
    fake.expireAccessTokens();
    const rest = await collect(client.pages("Invoices", { pageSize: 50, startPage: 2 }));
    expect(rest.rows).toHaveLength(200);
    expect(fake.stats.refreshes - before).toBe(1);
    expect(tokens.current().refreshToken).not.toBe(first);
    // An injected TokenExpired also costs exactly one refresh.
    fake.failNext({ kind: "token-expired", tenantId: org.tenantId });
    await client.fetchPage("Contacts", 1);
    expect(fake.stats.refreshes - before).toBe(2);
  });

  it("reads pages ahead while the caller stores one: in order, several at once, none past the page count", async () => {
    const tokens = holder(await connect());
    let inFlight = 0;
    let most = 0;
    const slow: typeof fetch = async (input, init) => {
      most = Math.max(most, ++inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    const client = new XeroAccountingClient({ baseUrl: fake.accountingUrl, tenantId: org.tenantId, tokens, limiter: new RateLimiter(), fetch: slow, baseCurrency: "NZD" });
    const seen: number[] = [];
    for await (const page of client.pages("Invoices", { pageSize: 50 })) {
      seen.push(page.page);
      // The caller's write: the pages after this one are on their way meanwhile.
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    const asked = fake.apiCalls(org.tenantId).map((c) => Number(new URL(c.path, "http://x").searchParams.get("page")));
    expect(asked.sort()).toEqual([1, 2, 3, 4, 5]);
    // Five concurrent calls a tenant: four pages ahead of the one being stored.
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
  });

  it("shares one refresh between concurrent calls that all hit an expired token", async () => {
    const tokens = holder(await connect());
    const client = accounting(tokens);
    const before = fake.stats.refreshes;
    fake.expireAccessTokens();
    const pages = await Promise.all([1, 2, 3].map((page) => client.fetchPage("Invoices", page, { pageSize: 20 })));
    expect(pages.map((p) => p.rows.length)).toEqual([20, 20, 20]);
    expect(fake.stats.refreshes - before).toBe(1);
  });

  it("disconnect and revocation end access: 403 for a dropped tenant, reconnect_required for a revoked grant", async () => {
    const tokens = await connect();
    const [connection] = (await listConnections(config, tokens.accessToken)).filter((c) => c.tenantId === org.tenantId);
    const del = await fetch(`${fake.apiUrl}/connections/${connection!.id}`, { method: "DELETE", headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect(del.status).toBe(204);
    expect((await errorOf(accounting(holder(tokens)).fetchPage("Invoices", 1)))?.code).toBe("tenant_forbidden");
    const fresh = await connect();
    const revoke = await fetch(`${fake.url}/connect/revocation`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa(`${config.clientId}:${config.clientSecret}`)}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: fresh.refreshToken }).toString(),
    });
    expect(revoke.status).toBe(200);
    expect((await errorOf(refreshTokens(config, fresh.refreshToken)))?.code).toBe("reconnect_required");
    await connect(); // restore the connections for the tests that follow
  });

  it("turns faults into clear errors: 403 tenant, 500/503 retried then given up, malformed pages", async () => {
    const client = accounting(holder(await connect()));
    fake.failNext({ kind: "forbidden", tenantId: org.tenantId });
    expect((await errorOf(client.fetchPage("Invoices", 1)))?.code).toBe("tenant_forbidden");

    fake.failNext({ kind: "500", tenantId: org.tenantId });
    fake.failNext({ kind: "503", tenantId: org.tenantId });
    expect((await client.fetchPage("Invoices", 1, { pageSize: 10 })).rows).toHaveLength(10);

    fake.failNext({ kind: "503", tenantId: org.tenantId }, 4);
    const down = await errorOf(client.fetchPage("Invoices", 1));
    expect(down?.code).toBe("upstream_unavailable");
    expect(down?.retryable).toBe(true);

    fake.failNext({ kind: "malformed", tenantId: org.tenantId });
    expect((await errorOf(client.fetchPage("Invoices", 1)))?.code).toBe("malformed_response");

    fake.failNext({ kind: "slow", delayMs: 300, tenantId: org.tenantId });
    expect((await client.fetchPage("Contacts", 1, { pageSize: 5 })).rows).toHaveLength(5);

    fake.revokeTenant(org.tenantId);
    expect((await errorOf(client.fetchPage("Invoices", 1)))?.code).toBe("tenant_forbidden");
    await connect(); // consenting again restores access
  });

  it("reports a day-limit 429 as a distinct outcome and stops calling that tenant", async () => {
    const limiter = new RateLimiter();
    const client = accounting(holder(await connect()), limiter);
    fake.failNext({ kind: "day", retryAfter: 40_000, tenantId: org.tenantId });
    const error = await errorOf(client.fetchPage("Invoices", 1));
    expect(error).toBeInstanceOf(DayLimitReached);
    expect(error?.code).toBe("rate_limited_day");
    const calls = fake.apiCalls(org.tenantId).length;
    expect(await errorOf(client.fetchPage("Contacts", 1))).toBeInstanceOf(DayLimitReached);
    expect(fake.apiCalls(org.tenantId).length).toBe(calls);
  });
});

describe("rate limits against the fake", () => {
  const limits = { perMinute: 5, concurrent: 2, minuteMs: 1000 };

  it("obeys a 429 storm with no call over the limit", async () => {
    fake.settings.limits = { ...fake.settings.limits, ...limits };
    try {
      const tokens = holder(await connect());
      const limiter = new RateLimiter({ ...limits, perDay: 5000 });
      const client = accounting(tokens, limiter);
      fake.resetCalls();
      fake.failNext({ kind: "minute", retryAfter: 1, tenantId: org.tenantId }, 2);
      // Three readers at once against one tenant: 5 + 3 pages and the accounts.
      const [invoices, contacts] = await Promise.all([
        collect(client.pages("Invoices", { pageSize: 50 })),
        collect(client.pages("Contacts", { pageSize: Math.ceil(org.accounting.Contacts.size / 3) })),
        client.fetchAccounts(),
      ]);
      expect(invoices.rows).toHaveLength(250);
      expect(contacts.rows).toHaveLength(org.accounting.Contacts.size);
      const calls = fake.apiCalls(org.tenantId);
      // Both injected 429s were served; a call already in flight when one went out may get a 429 too.
      expect(calls.filter((c) => c.status === 429).length).toBeGreaterThanOrEqual(2);
      expect(fake.overLimitCount()).toBe(0);
      expect(calls.length).toBeGreaterThanOrEqual(11);
    } finally {
      fake.settings.limits = { ...fake.settings.limits, perMinute: 60, concurrent: 5, minuteMs: 60_000 };
    }
  }, 30_000);

  it("the fake does count calls over the limit when a client ignores them", async () => {
    fake.settings.limits = { ...fake.settings.limits, ...limits };
    try {
      const client = accounting(holder(await connect()), new RateLimiter({ perMinute: 1000, concurrent: 10 }));
      fake.resetCalls();
      await Promise.allSettled(Array.from({ length: 8 }, (_, i) => client.fetchPage("Contacts", i + 1, { pageSize: 5 })));
      expect(fake.overLimitCount()).toBeGreaterThan(0);
    } finally {
      fake.settings.limits = { ...fake.settings.limits, perMinute: 60, concurrent: 5, minuteMs: 60_000 };
    }
  }, 30_000);
});

describe("XPM client", () => {
  function xpm(tokens: TokenSetHolder) {
    return new XpmClient({ baseUrl: fake.xpmUrl, tenantId: practice.tenantId, tokens, limiter: new RateLimiter(), retryBaseMs: 5 });
  }

  it("reads clients, staff, jobs, time, invoices and costs from XML", async () => {
    const client = xpm(holder(await connect()));
    const from = new Date("2024-11-01T00:00:00Z");
    const to = new Date("2026-10-31T00:00:00Z");
    const [clients, staff, jobs, time, invoices] = [await client.clients(), await client.staff(), await client.jobs(from, to), await client.time(from, to), await client.invoices(from, to)];
    expect(clients).toHaveLength(practice.xpm.clients.length);
    expect(clients.every((c) => c.is_archived === false)).toBe(true);
    expect(staff).toHaveLength(practice.xpm.staff.length);
    expect(staff[0]!.weekly_capacity_hours).toBeGreaterThan(0);
    expect(jobs).toHaveLength(practice.xpm.jobs.length);
    expect(time).toHaveLength(practice.xpm.time.length);
    expect(invoices).toHaveLength(practice.xpm.invoices.length);
    const unbilled = practice.xpm.time.filter((t) => t.InvoiceTaskUUID === "").length;
    expect(time.filter((t) => t.invoice_task_external_id === null)).toHaveLength(unbilled);
    expect(time.filter((t) => t.billable)).toHaveLength(practice.xpm.time.filter((t) => t.Billable === "true").length);
    // Year-bounded lists were walked one window at a time, each within XPM's 366-day limit.
    const listCalls = fake.apiCalls(practice.tenantId).filter((c) => c.path.includes("time.api/list"));
    expect(listCalls).toHaveLength(2);
    expect(listCalls.every((c) => c.status === 200)).toBe(true);

    const withCosts = jobs.filter((j) => practice.xpm.costs.some((c) => c.JobUUID === j.external_id)).slice(0, 3);
    const costs = await client.costs(withCosts);
    expect(costs.length).toBeGreaterThan(0);
    expect(costs.every((c) => withCosts.some((j) => j.external_id === c.job_external_id))).toBe(true);
    expect(costs.filter((c) => c.billable)).toHaveLength(practice.xpm.costs.filter((c) => withCosts.some((j) => j.external_id === c.JobUUID) && c.Billable === "Yes").length);
  });

  it("detects an error inside a 200, a malformed page and a range over a year", async () => {
    const tokens = holder(await connect());
    const client = xpm(tokens);
    fake.failNext({ kind: "xpm-error", tenantId: practice.tenantId });
    const error = await errorOf(client.staff());
    expect(error?.code).toBe("xpm_error");
    expect(fake.apiCalls(practice.tenantId).at(-1)?.status).toBe(200);
    fake.failNext({ kind: "malformed", tenantId: practice.tenantId });
    expect((await errorOf(client.clients()))?.code).toBe("malformed_response");
    const tooLong = await fetch(`${fake.xpmUrl}/time.api/list?from=20240101&to=20250301`, {
      headers: { authorization: `Bearer ${await tokens.accessToken()}`, "xero-tenant-id": practice.tenantId },
    });
    expect(tooLong.status).toBe(400);
    // The accounting tenant is not a practice: 403.
    const wrong = await fetch(`${fake.xpmUrl}/staff.api/list`, { headers: { authorization: `Bearer ${await tokens.accessToken()}`, "xero-tenant-id": org.tenantId } });
    expect(wrong.status).toBe(403);
  });
});

describe("Accounting wire format", () => {
  it("answers with Xero's envelope, escaped MS dates, rate-limit headers and 406 without JSON", async () => {
    const tokens = await connect();
    const headers = { authorization: `Bearer ${tokens.accessToken}`, "xero-tenant-id": org.tenantId, accept: "application/json" };
    const res = await fetch(`${fake.accountingUrl}/Invoices?page=1&pageSize=2`, { headers });
    const raw = await res.text();
    expect(raw).toContain("\\/Date(");
    const body = JSON.parse(raw) as { Status: string; pagination: { pageCount: number; itemCount: number }; Invoices: XeroInvoiceRow[] };
    expect(body.Status).toBe("OK");
    expect(body.pagination.itemCount).toBe(250);
    expect(body.Invoices).toHaveLength(2);
    for (const h of ["x-daylimit-remaining", "x-minlimit-remaining", "x-appminlimit-remaining"]) expect(res.headers.get(h)).toMatch(/^\d+$/);
    const unpaged = (await (await fetch(`${fake.accountingUrl}/Invoices`, { headers })).json()) as Record<string, unknown>;
    expect(unpaged.pagination).toBeUndefined();
    expect((unpaged.Invoices as Record<string, unknown>[])[0]!.LineItems).toBeUndefined();
    expect((await fetch(`${fake.accountingUrl}/Invoices`, { headers: { ...headers, accept: "text/xml" } })).status).toBe(406);
    expect((await fetch(`${fake.accountingUrl}/Invoices`, { headers: { ...headers, "xero-tenant-id": crypto.randomUUID() } })).status).toBe(403);
  });
});
