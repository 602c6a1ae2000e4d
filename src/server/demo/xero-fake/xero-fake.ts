import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import jwt from "jsonwebtoken";
import type { FinanceDataset } from "@/server/demo/generate-finance-data";
import { emptyTenant, FakeHttpError, generateDataset, seedAccounting, seedXpm, type AccountingEntity, type FakeTenant } from "./xero-fake-data";
import { handleAccounting } from "./xero-fake-accounting";
import { handleXpm } from "./xero-fake-xpm";
import { consentPage } from "./consent-page";

/**
 * A faithful in-memory fake of Xero (reference/integrations.md §1–3, §5) on one loopback port:
 * - identity: GET /identity/connect/authorize (auto-consent, or a consent screen listing the tenants
 *   with `consentPage`, answered by POST to the same path; `state` echoed; unknown client or
 *   redirect_uri → an error page and no redirect), POST /connect/token (Basic auth; single-use codes;
 *   refresh-token rotation with a configurable grace window during which the old token still works;
 *   `invalid_grant` otherwise), POST /connect/revocation, GET /connections (`authEventId` filter,
 *   7-digit timestamps without `Z`), DELETE /connections/{id}; access tokens are decodable JWTs with
 *   `authentication_event_id` and a configurable lifetime;
 * - Accounting under /api.xro/2.0 (see xero-fake-accounting.ts) and XPM under /practicemanager/3.1
 *   (see xero-fake-xpm.ts), both requiring Bearer and `xero-tenant-id`;
 * - Xero's rate limits per tenant (minute, day, concurrent) and per app (minute), the three
 *   `X-*Limit-Remaining` headers on every API answer, 429 with `X-Rate-Limit-Problem` and Retry-After;
 *   `overLimit` counts every call that arrived over a limit or inside a Retry-After it had been given,
 *   so a test can assert a client never made one;
 * - fault injection (`failNext`): expired token, 403 tenant, 429 minute/day/concurrent, 500, 503,
 *   slow answers, malformed pages, XPM's error inside a 200; `advanceClock` moves the fake's time.
 */
export type FaultKind = "token-expired" | "forbidden" | "minute" | "day" | "concurrent" | "500" | "503" | "slow" | "malformed" | "xpm-error";
export interface Fault { kind: FaultKind; path?: string; tenantId?: string; retryAfter?: number; delayMs?: number }
export interface FakeLimits { perMinute: number; perDay: number; concurrent: number; appPerMinute: number; minuteMs: number; dayMs: number }
export interface CallRecord { at: number; tenantId: string | null; method: string; path: string; status: number; ifModifiedSince: string | null; overLimit: boolean }

interface Grant { id: string; userId: string; scope: string; revoked: boolean }
interface RefreshRecord { grantId: string; rotatedAt: number | null; revoked: boolean; createdAt: number }
interface Connection { id: string; tenantId: string; authEventId: string; userId: string; createdMs: number; updatedMs: number }

/** `2019-12-07T18:46:19.5165400`: seven fractional digits, UTC, no `Z` (as /connections sends it). */
export const connectionTimestamp = (ms: number) => new Date(ms).toISOString().replace("Z", "").replace(/\.(\d{3})$/, ".$10000");

export interface XeroFakeOptions {
  accessTokenTtlSeconds?: number;
  refreshGraceSeconds?: number;
  limits?: Partial<FakeLimits>;
  redirectUris?: string[];
  /**
   * Show a consent screen listing the tenants (checkboxes, Allow / Cancel) as Xero does, instead of
   * consenting to every tenant at once. `consentTo` still skips it (tests, the demo's own connect).
   */
  consentPage?: boolean;
}

export async function startXeroFake(options: XeroFakeOptions = {}) {
  const clientId = randomBytes(16).toString("hex").toUpperCase();
  const clientSecret = randomBytes(24).toString("base64url");
  const signingKey = randomBytes(32).toString("hex");
  const redirectUris = new Set(options.redirectUris ?? ["http://localhost:3000/api/integrations/xero/callback"]);
  const state = {
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 1800,
    refreshGraceSeconds: options.refreshGraceSeconds ?? 1800,
    limits: { perMinute: 60, perDay: 5000, concurrent: 5, appPerMinute: 10_000, minuteMs: 60_000, dayMs: 86_400_000, ...options.limits } as FakeLimits,
    denyNextConsent: false,
    /** How long after a 429 a call may still arrive without counting as ignoring it (it was already in flight). */
    inFlightGraceMs: 100,
  };
  let clockOffsetMs = 0;
  const now = () => Date.now() + clockOffsetMs;
  const tenants = new Map<string, FakeTenant>();
  const grants = new Map<string, Grant>();
  const codes = new Map<string, { grantId: string; redirectUri: string; createdAt: number; used: boolean; authEventId: string }>();
  const refreshTokens = new Map<string, RefreshRecord>();
  const accessTokens = new Map<string, { grantId: string; expMs: number; authEventId: string }>();
  const connections = new Map<string, Connection>();
  const faults: Fault[] = [];
  const calls: CallRecord[] = [];
  const revokedTenants = new Set<string>();
  /** Tenants the next consent connects (default: all). */
  let consentTenants: string[] | null = null;
  const userId = randomUUID();

  const windows = new Map<string, { minute: number[]; day: number[]; inFlight: number; penaltyUntil: number; penaltyProblem: string; penaltyFrom: number }>();
  const appMinute: number[] = [];
  const win = (tenantId: string) => {
    let w = windows.get(tenantId);
    if (!w) windows.set(tenantId, (w = { minute: [], day: [], inFlight: 0, penaltyUntil: 0, penaltyProblem: "minute", penaltyFrom: 0 }));
    return w;
  };
  const prune = (list: number[], span: number, t: number) => {
    while (list.length && list[0]! <= t - span) list.shift();
  };

  function issueTokens(grant: Grant, authEventId: string) {
    const iat = Math.floor(now() / 1000);
    const accessToken = jwt.sign(
      {
        nbf: iat, exp: iat + state.accessTokenTtlSeconds, iss: url, aud: `${url}/resources`, client_id: clientId, sub: grant.userId,
        auth_time: iat, xero_userid: grant.userId, global_session_id: grant.id, jti: randomUUID(), authentication_event_id: authEventId,
        scope: grant.scope.split(" "),
      },
      signingKey,
      { algorithm: "HS256", noTimestamp: true },
    );
    accessTokens.set(accessToken, { grantId: grant.id, expMs: now() + state.accessTokenTtlSeconds * 1000, authEventId });
    const refreshToken = randomBytes(32).toString("hex");
    refreshTokens.set(refreshToken, { grantId: grant.id, rotatedAt: null, revoked: false, createdAt: now() });
    const body: Record<string, unknown> = { access_token: accessToken, expires_in: state.accessTokenTtlSeconds, token_type: "Bearer", refresh_token: refreshToken, scope: grant.scope };
    if (grant.scope.split(" ").includes("openid")) body.id_token = jwt.sign({ sub: grant.userId, iss: url, aud: clientId }, signingKey, { algorithm: "HS256" });
    return body;
  }

  const oauthError = (error: string, description?: string) =>
    new FakeHttpError(400, JSON.stringify(description ? { error, error_description: description } : { error }));

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  /** The authorize request's parameters, checked as Xero checks them (an error page, never a redirect, for a bad client). */
  function authorizeRequest(q: URLSearchParams): { redirectUri: string; scope: string; state: string | null } {
    if (q.get("client_id") !== clientId) throw new FakeHttpError(400, "<html><body>Error: unauthorized_client — Invalid client_id</body></html>", "text/html");
    const redirectUri = q.get("redirect_uri") ?? "";
    if (!redirectUris.has(redirectUri)) throw new FakeHttpError(400, "<html><body>Error: invalid_request — Invalid redirect_uri</body></html>", "text/html");
    if (q.get("response_type") !== "code") throw new FakeHttpError(400, "<html><body>Error: unsupported_response_type</body></html>", "text/html");
    const scope = (q.get("scope") ?? "").trim();
    if (!scope) throw new FakeHttpError(400, "<html><body>Error: invalid_scope</body></html>", "text/html");
    return { redirectUri, scope, state: q.get("state") };
  }

  function redirectBack(request: { redirectUri: string; state: string | null }, params: Record<string, string>) {
    const back = new URL(request.redirectUri);
    for (const [k, v] of Object.entries(params)) back.searchParams.set(k, v);
    if (request.state !== null) back.searchParams.set("state", request.state);
    return { status: 302, headers: { location: back.toString() }, body: "" };
  }

  /** Consent given for these tenants: they are connected (a reconnect updates updatedDateUtc) and a code goes back. */
  function grantConsent(request: { redirectUri: string; scope: string; state: string | null }, tenantIds: string[]) {
    const grant: Grant = { id: randomUUID(), userId, scope: request.scope, revoked: false };
    grants.set(grant.id, grant);
    const authEventId = randomUUID();
    for (const tenantId of tenantIds) {
      const existing = [...connections.values()].find((c) => c.tenantId === tenantId && c.userId === userId);
      if (existing) Object.assign(existing, { authEventId, updatedMs: now() });
      else connections.set(randomUUID(), { id: "", tenantId, authEventId, userId, createdMs: now(), updatedMs: now() });
    }
    for (const [id, c] of connections) if (!c.id) c.id = id;
    revokedTenants.clear();
    const code = randomBytes(24).toString("base64url");
    codes.set(code, { grantId: grant.id, redirectUri: request.redirectUri, createdAt: now(), used: false, authEventId });
    return redirectBack(request, { code });
  }

  /** The tenants a consent with these scopes may choose from, as Xero's consent screen lists them. */
  function choosable(scope: string): FakeTenant[] {
    const scopes = scope.split(/\s+/);
    const accounting = scopes.some((s) => s.startsWith("accounting."));
    const practice = scopes.includes("practicemanager");
    return [...tenants.values()]
      .filter((t) => (t.tenantType === "ORGANISATION" ? accounting : practice))
      .sort((a, b) => a.tenantType.localeCompare(b.tenantType) || (a.tenantName ?? "").localeCompare(b.tenantName ?? ""));
  }

  function authorize(u: URL): { status: number; headers: Record<string, string>; body: string } {
    const request = authorizeRequest(u.searchParams);
    if (state.denyNextConsent) {
      state.denyNextConsent = false;
      return redirectBack(request, { error: "access_denied" });
    }
    // Tests name the tenants up front; without a consent page, consent covers every tenant at once.
    if (consentTenants || !options.consentPage) return grantConsent(request, consentTenants ?? [...tenants.keys()]);
    return { status: 200, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }, body: consentPage(u.searchParams, choosable(request.scope)) };
  }

  /** The consent screen's answer: Allow with the chosen tenants, or Cancel (access_denied, as Xero sends it). */
  async function consent(req: IncomingMessage) {
    const form = new URLSearchParams(await readBody(req));
    const request = authorizeRequest(form);
    if (form.get("action") !== "allow") return redirectBack(request, { error: "access_denied" });
    const offered = new Set(choosable(request.scope).map((t) => t.tenantId));
    const chosen = form.getAll("tenant").filter((id) => offered.has(id));
    if (chosen.length === 0) {
      return { status: 400, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }, body: consentPage(form, choosable(request.scope), "Choose at least one organisation to connect.") };
    }
    return grantConsent(request, chosen);
  }

  async function token(req: IncomingMessage) {
    const basic = req.headers.authorization ?? "";
    const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
    if (basic !== expected) throw oauthError("invalid_client");
    const form = new URLSearchParams(await readBody(req));
    const grantType = form.get("grant_type");
    if (grantType === "authorization_code") {
      const code = codes.get(form.get("code") ?? "");
      if (!code || code.used || now() - code.createdAt > 5 * 60_000) throw oauthError("invalid_grant");
      if (form.get("redirect_uri") !== code.redirectUri) throw oauthError("invalid_grant", "redirect_uri mismatch");
      code.used = true;
      return issueTokens(grants.get(code.grantId)!, code.authEventId);
    }
    if (grantType === "refresh_token") {
      const presented = form.get("refresh_token") ?? "";
      const record = refreshTokens.get(presented);
      if (!record || record.revoked) throw oauthError("invalid_grant");
      const grant = grants.get(record.grantId)!;
      if (grant.revoked) throw oauthError("invalid_grant");
      if (now() - record.createdAt > 60 * 86_400_000) throw oauthError("invalid_grant");
      if (record.rotatedAt !== null && now() - record.rotatedAt > state.refreshGraceSeconds * 1000) throw oauthError("invalid_grant");
      // The first rotation starts the grace window; a retry inside it gets a fresh set too.
      if (record.rotatedAt === null) record.rotatedAt = now();
      stats.refreshes++;
      const authEventId = [...accessTokens.values()].find((a) => a.grantId === grant.id)?.authEventId ?? randomUUID();
      return issueTokens(grant, authEventId);
    }
    throw oauthError("unsupported_grant_type");
  }

  /** Resolves the bearer token to its grant, or answers 401 as Xero does. */
  function bearer(req: IncomingMessage): { grant: Grant; authEventId: string } {
    const header = req.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    const record = accessTokens.get(token);
    const unauthorized = (detail: string) =>
      new FakeHttpError(401, JSON.stringify({ Type: null, Title: "Unauthorized", Status: 401, Detail: detail, Instance: randomUUID(), Extensions: {} }), "application/json", {
        "www-authenticate": `Bearer error="invalid_token"`,
      });
    if (!record) throw unauthorized("AuthenticationUnsuccessful");
    const grant = grants.get(record.grantId)!;
    if (grant.revoked) throw unauthorized("AuthenticationUnsuccessful");
    if (record.expMs <= now()) throw unauthorized(`TokenExpired: token expired at ${new Date(record.expMs).toUTCString()}`);
    return { grant, authEventId: record.authEventId };
  }

  const forbidden = () =>
    new FakeHttpError(403, JSON.stringify({ Type: null, Title: "Forbidden", Status: 403, Detail: "AuthenticationUnsuccessful", Instance: randomUUID(), Extensions: {} }));

  function tenantFor(req: IncomingMessage, grant: Grant, type: FakeTenant["tenantType"]): FakeTenant {
    const tenantId = req.headers["xero-tenant-id"];
    const tenant = typeof tenantId === "string" ? tenants.get(tenantId) : undefined;
    const connected = tenant && [...connections.values()].some((c) => c.tenantId === tenant.tenantId && c.userId === grant.userId);
    if (!tenant || !connected || revokedTenants.has(tenant.tenantId) || tenant.tenantType !== type) throw forbidden();
    return tenant;
  }

  function remainingHeaders(tenantId: string): Record<string, string> {
    const w = win(tenantId);
    const t = now();
    prune(w.minute, state.limits.minuteMs, t);
    prune(w.day, state.limits.dayMs, t);
    prune(appMinute, state.limits.minuteMs, t);
    return {
      "x-daylimit-remaining": String(Math.max(0, state.limits.perDay - w.day.length)),
      "x-minlimit-remaining": String(Math.max(0, state.limits.perMinute - w.minute.length)),
      "x-appminlimit-remaining": String(Math.max(0, state.limits.appPerMinute - appMinute.length)),
    };
  }

  const rateLimited = (problem: string, retryAfter: number | null, tenantId: string) =>
    new FakeHttpError(429, "", "text/plain", { "x-rate-limit-problem": problem, ...(retryAfter !== null ? { "retry-after": String(retryAfter) } : {}), ...remainingHeaders(tenantId) });

  /** Counts the call against Xero's limits; throws the 429 Xero would send. */
  function admit(tenantId: string, record: CallRecord) {
    const w = win(tenantId);
    const t = now();
    prune(w.minute, state.limits.minuteMs, t);
    prune(w.day, state.limits.dayMs, t);
    prune(appMinute, state.limits.minuteMs, t);
    const over = (problem: string, retryAfterMs: number | null) => {
      record.overLimit = true;
      const retryAfter = retryAfterMs === null ? null : Math.max(1, Math.ceil(retryAfterMs / 1000));
      if (retryAfter !== null && t + retryAfter * 1000 > w.penaltyUntil) Object.assign(w, { penaltyUntil: t + retryAfter * 1000, penaltyProblem: problem, penaltyFrom: t });
      return rateLimited(problem, retryAfter, tenantId);
    };
    if (w.penaltyUntil > t) {
      // Calls already on the wire when the 429 went out cannot have obeyed it: answered 429, not counted.
      const error = over(w.penaltyProblem, w.penaltyUntil - t);
      if (t - w.penaltyFrom < state.inFlightGraceMs) record.overLimit = false;
      throw error;
    }
    if (w.day.length >= state.limits.perDay) throw over("day", w.day[0]! + state.limits.dayMs - t);
    if (w.minute.length >= state.limits.perMinute) throw over("minute", w.minute[0]! + state.limits.minuteMs - t);
    if (appMinute.length >= state.limits.appPerMinute) throw over("app minute", appMinute[0]! + state.limits.minuteMs - t);
    if (w.inFlight >= state.limits.concurrent) throw over("concurrent", null);
    w.minute.push(t);
    w.day.push(t);
    appMinute.push(t);
  }

  function takeFault(path: string, tenantId: string | null): Fault | undefined {
    const i = faults.findIndex((f) => (!f.path || path.includes(f.path)) && (!f.tenantId || f.tenantId === tenantId));
    return i < 0 ? undefined : faults.splice(i, 1)[0];
  }

  const stats = { refreshes: 0 };

  async function api(req: IncomingMessage, u: URL, record: CallRecord): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const { grant } = bearer(req);
    if (u.pathname === "/connections" && req.method === "GET") {
      const filter = u.searchParams.get("authEventId");
      const list = [...connections.values()]
        .filter((c) => c.userId === grant.userId && (!filter || c.authEventId === filter))
        .map((c) => {
          const tenant = tenants.get(c.tenantId)!;
          return { id: c.id, authEventId: c.authEventId, tenantId: c.tenantId, tenantType: tenant.tenantType, tenantName: tenant.tenantName, createdDateUtc: connectionTimestamp(c.createdMs), updatedDateUtc: connectionTimestamp(c.updatedMs) };
        });
      return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(list) };
    }
    if (u.pathname.startsWith("/connections/") && req.method === "DELETE") {
      const id = decodeURIComponent(u.pathname.slice("/connections/".length));
      const c = connections.get(id);
      if (!c || c.userId !== grant.userId) throw new FakeHttpError(404, "", "text/plain");
      connections.delete(id);
      return { status: 204, headers: {}, body: "" };
    }
    const isXpm = u.pathname.startsWith("/practicemanager/3.1/");
    if (!isXpm && !u.pathname.startsWith("/api.xro/2.0/")) throw new FakeHttpError(404, "The resource you're looking for cannot be found", "text/plain");
    const tenant = tenantFor(req, grant, isXpm ? "PRACTICEMANAGER" : "ORGANISATION");
    record.tenantId = tenant.tenantId;
    const fault = takeFault(u.pathname, tenant.tenantId);
    if (fault?.kind === "token-expired") throw new FakeHttpError(401, JSON.stringify({ Type: null, Title: "Unauthorized", Status: 401, Detail: `TokenExpired: token expired at ${new Date(now()).toUTCString()}`, Instance: randomUUID(), Extensions: {} }));
    if (fault?.kind === "forbidden") throw forbidden();
    try {
      admit(tenant.tenantId, record);
    } catch (error) {
      // A call refused for its rate limit does not use up a fault meant for a served call.
      if (fault) faults.unshift(fault);
      throw error;
    }
    const w = win(tenant.tenantId);
    w.inFlight++;
    try {
      const headers = remainingHeaders(tenant.tenantId);
      if (fault?.kind === "minute" || fault?.kind === "day" || fault?.kind === "concurrent") {
        const retryAfter = fault.kind === "concurrent" ? null : (fault.retryAfter ?? (fault.kind === "day" ? 43_200 : 1));
        if (retryAfter !== null && now() + retryAfter * 1000 > w.penaltyUntil) Object.assign(w, { penaltyUntil: now() + retryAfter * 1000, penaltyProblem: fault.kind, penaltyFrom: now() });
        throw rateLimited(fault.kind, retryAfter, tenant.tenantId);
      }
      if (fault?.kind === "500") throw new FakeHttpError(500, "An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.", "text/plain", headers);
      if (fault?.kind === "503") throw new FakeHttpError(503, "The Xero API is currently offline for maintenance", "text/plain", headers);
      if (fault?.kind === "slow") await new Promise((r) => setTimeout(r, fault.delayMs ?? 2000));
      const result = isXpm
        ? handleXpm(tenant, u.pathname.slice("/practicemanager/3.1/".length), u.searchParams, fault?.kind)
        : handleAccounting(tenant, req, u, now(), fault?.kind === "malformed");
      return { status: result.status, headers: { ...headers, "content-type": result.contentType }, body: result.body };
    } finally {
      w.inFlight--;
    }
  }

  async function route(req: IncomingMessage, u: URL, record: CallRecord) {
    if (req.method === "GET" && u.pathname === "/identity/connect/authorize") return authorize(u);
    if (req.method === "POST" && u.pathname === "/identity/connect/authorize") return consent(req);
    if (req.method === "POST" && u.pathname === "/connect/token") return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(await token(req)) };
    if (req.method === "POST" && u.pathname === "/connect/revocation") {
      const basic = req.headers.authorization ?? "";
      if (basic !== `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`) throw oauthError("invalid_client");
      const record = refreshTokens.get(new URLSearchParams(await readBody(req)).get("token") ?? "");
      if (record) {
        const grant = grants.get(record.grantId)!;
        grant.revoked = true;
        // Revoking drops every connection that user made with this app.
        for (const [id, c] of connections) if (c.userId === grant.userId) connections.delete(id);
      }
      return { status: 200, headers: {}, body: "" };
    }
    if (req.method === "GET" && u.pathname === "/.well-known/openid-configuration") {
      return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ issuer: url, authorization_endpoint: `${url}/identity/connect/authorize`, token_endpoint: `${url}/connect/token`, revocation_endpoint: `${url}/connect/revocation` }) };
    }
    return api(req, u, record);
  }

  const server = createServer((req, res: ServerResponse) => {
    const u = new URL(req.url ?? "/", "http://fake");
    const record: CallRecord = { at: now(), tenantId: null, method: req.method ?? "GET", path: u.pathname + u.search, status: 0, ifModifiedSince: (req.headers["if-modified-since"] as string) ?? null, overLimit: false };
    route(req, u, record)
      .then((r) => {
        record.status = r.status;
        calls.push(record);
        res.writeHead(r.status, r.headers);
        res.end(r.body);
      })
      .catch((error: unknown) => {
        const e = error instanceof FakeHttpError ? error : new FakeHttpError(500, "An error occurred in Xero.", "text/plain");
        if (!(error instanceof FakeHttpError)) console.error("xero fake:", error);
        record.status = e.status;
        calls.push(record);
        res.writeHead(e.status, { ...(e.body ? { "content-type": e.contentType } : {}), ...e.headers });
        res.end(e.body);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** `tenantId` fixes the tenant's id (the demo reconnects the same tenants on every start). */
  function addTenant(
    type: FakeTenant["tenantType"],
    name: string | null,
    seed?: { invoices: number; seed?: number; asOf?: string; currency?: string; updatedBaseMs?: number },
    opts: { tenantId?: string; dataset?: FinanceDataset } = {},
  ) {
    const tenant = emptyTenant(type, name, opts.tenantId);
    if (seed) {
      // A dataset already generated from the same seed saves generating it again (the demo's two tenants).
      const data = opts.dataset ?? generateDataset(seed.invoices, seed.seed, seed.asOf, seed.currency);
      if (type === "ORGANISATION") seedAccounting(tenant, data, seed.updatedBaseMs ?? now() - 30 * 86_400_000);
      else seedXpm(tenant, data);
    }
    tenants.set(tenant.tenantId, tenant);
    return tenant;
  }

  return {
    url,
    authorizeUrl: `${url}/identity/connect/authorize`,
    tokenUrl: `${url}/connect/token`,
    /** Holds /connections (Xero's https://api.xero.com). */
    apiUrl: url,
    accountingUrl: `${url}/api.xro/2.0`,
    xpmUrl: `${url}/practicemanager/3.1`,
    clientId,
    clientSecret,
    redirectUris,
    tenants,
    calls,
    stats,
    settings: state,
    now,
    addTenant,
    /** The next consent connects only these tenants (null: all). */
    consentTo(tenantIds: string[] | null) {
      consentTenants = tenantIds;
    },
    /** Changes a record as Xero would; `bumpUpdated: false` reproduces the changes Xero does not date. */
    update(tenantId: string, entity: AccountingEntity, id: string, patch: Record<string, unknown>, opts: { bumpUpdated?: boolean } = {}) {
      const record = tenants.get(tenantId)!.accounting[entity].get(id);
      if (!record) throw new Error(`no ${entity} ${id}`);
      Object.assign(record.json, patch);
      if (opts.bumpUpdated ?? true) record.updatedMs = now();
    },
    failNext(fault: Fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push({ ...fault });
    },
    /** The tenant revoked access: every call with its id answers 403 until it is connected again. */
    revokeTenant(tenantId: string) {
      revokedTenants.add(tenantId);
    },
    /** Makes every access token issued so far expired, as if 30 minutes had passed for them alone. */
    expireAccessTokens() {
      for (const t of accessTokens.values()) t.expMs = now() - 1;
    },
    advanceClock(ms: number) {
      clockOffsetMs += ms;
    },
    decodeAccessToken: (token: string) => jwt.verify(token, signingKey, { ignoreExpiration: true }) as Record<string, unknown>,
    /** API calls (Accounting and XPM) that reached a tenant, and how many arrived over a limit. */
    apiCalls: (tenantId?: string) => calls.filter((c) => c.tenantId !== null && (!tenantId || c.tenantId === tenantId)),
    overLimitCount: () => calls.filter((c) => c.overLimit).length,
    resetCalls() {
      calls.length = 0;
    },
    /** Forgets counted calls, pending Retry-After penalties and unused faults (between tests). */
    resetLimits() {
      windows.clear();
      appMinute.length = 0;
      faults.length = 0;
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export type XeroFake = Awaited<ReturnType<typeof startXeroFake>>;
