/**
 * Xero's OAuth 2.0 token endpoint (reference/integrations.md §1): authorization URL, code exchange
 * and refresh with rotation. Storage and serialisation are the caller's: lock the token row, call
 * `refreshTokens`, save the rotated refresh token in the same transaction before any API call. A
 * network failure during refresh may be retried with the SAME refresh token (Xero's 30-minute grace);
 * `invalid_grant` never is.
 */
import { z } from "zod";
import { parseUtcWithoutZone } from "./xero-dates.ts";
import { SyncError } from "./sync-errors.ts";

export interface XeroOAuthConfig {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** e.g. https://login.xero.com/identity/connect/authorize */
  authorizeUrl: string;
  /** e.g. https://identity.xero.com/connect/token */
  tokenUrl: string;
  /** e.g. https://api.xero.com (holds /connections) */
  apiBaseUrl: string;
  fetch?: typeof fetch;
}

export const RECOMMENDED_XERO_SCOPES =
  "openid profile email offline_access accounting.settings.read accounting.contacts.read accounting.invoices.read accounting.payments.read accounting.reports.profitandloss.read accounting.reports.balancesheet.read accounting.reports.aged.read";

export interface XeroTokenSet {
  accessToken: string;
  refreshToken: string;
  idToken: string | null;
  scope: string[];
  /** Absolute expiry of the access token (ms since epoch). */
  expiresAt: number;
  authenticationEventId: string | null;
}

export interface XeroConnection {
  id: string;
  authEventId: string | null;
  tenantId: string;
  tenantType: "ORGANISATION" | "PRACTICEMANAGER" | "PRACTICE" | string;
  tenantName: string | null;
  createdDateUtc: Date | null;
  updatedDateUtc: Date | null;
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  token_type: z.string(),
  id_token: z.string().optional(),
  scope: z.string().optional(),
});

const connectionsResponse = z.array(
  z.object({
    id: z.string(),
    authEventId: z.string().nullable().optional(),
    tenantId: z.string(),
    tenantType: z.string(),
    tenantName: z.string().nullable().optional(),
    createdDateUtc: z.string().nullable().optional(),
    updatedDateUtc: z.string().nullable().optional(),
  }),
);

/** Reads a JWT's payload without verifying it: we only need `authentication_event_id` (Xero says treat it as opaque otherwise). */
function jwtClaim(token: string, claim: string): string | null {
  const part = token.split(".")[1];
  if (!part) return null;
  try {
    const normal = part.replace(/-/g, "+").replace(/_/g, "/");
    const json = JSON.parse(atob(normal + "=".repeat((4 - (normal.length % 4)) % 4))) as Record<string, unknown>;
    return typeof json[claim] === "string" ? (json[claim] as string) : null;
  } catch {
    return null;
  }
}

export function buildAuthorizeUrl(config: XeroOAuthConfig, state: string, scopes = RECOMMENDED_XERO_SCOPES): string {
  const url = new URL(config.authorizeUrl);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", config.clientId);
  url.searchParams.set("redirect_uri", config.redirectUri);
  url.searchParams.set("scope", scopes);
  url.searchParams.set("state", state);
  return url.toString();
}

async function tokenRequest(config: XeroOAuthConfig, form: Record<string, string>, now: number): Promise<XeroTokenSet> {
  const doFetch = config.fetch ?? fetch;
  let response: Response;
  let text: string;
  try {
    response = await doFetch(config.tokenUrl, {
      method: "POST",
      headers: {
        authorization: `Basic ${btoa(`${config.clientId}:${config.clientSecret}`)}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(30_000),
    });
    text = await response.text();
  } catch (error) {
    throw new SyncError("upstream_unavailable", `Xero's token endpoint could not be reached (${error instanceof Error ? error.message : "network error"}).`, true);
  }
  if (response.status >= 500) throw new SyncError("upstream_unavailable", `Xero's token endpoint answered ${response.status}.`, true, { status: response.status });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new SyncError("malformed_response", `Xero's token endpoint answered ${response.status} with a body that is not JSON.`, true, { status: response.status });
  }
  if (response.status !== 200) {
    const error = typeof body === "object" && body !== null && "error" in body ? String((body as { error: unknown }).error) : "unknown_error";
    if (error === "invalid_grant") throw new SyncError("reconnect_required", "Xero no longer accepts this connection's refresh token (expired, revoked or already used); connect Xero again.", false, { status: response.status });
    throw new SyncError("bad_request", `Xero's token endpoint refused the request (${error}).`, false, { status: response.status });
  }
  const parsed = tokenResponse.safeParse(body);
  if (!parsed.success) throw new SyncError("malformed_response", "Xero's token response lacks an access or refresh token.", true);
  const t = parsed.data;
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    idToken: t.id_token ?? null,
    scope: (t.scope ?? "").split(" ").filter(Boolean),
    expiresAt: now + t.expires_in * 1000,
    authenticationEventId: jwtClaim(t.access_token, "authentication_event_id"),
  };
}

export function exchangeAuthorizationCode(config: XeroOAuthConfig, code: string, now = Date.now()): Promise<XeroTokenSet> {
  return tokenRequest(config, { grant_type: "authorization_code", code, redirect_uri: config.redirectUri }, now);
}

export function refreshTokens(config: XeroOAuthConfig, refreshToken: string, now = Date.now()): Promise<XeroTokenSet> {
  return tokenRequest(config, { grant_type: "refresh_token", refresh_token: refreshToken }, now);
}

/** Refresh ahead of time: under five minutes left counts as expired. */
export function needsRefresh(tokens: Pick<XeroTokenSet, "expiresAt">, now = Date.now(), marginMs = 5 * 60_000): boolean {
  return tokens.expiresAt - now < marginMs;
}

export async function listConnections(config: XeroOAuthConfig, accessToken: string, authEventId?: string): Promise<XeroConnection[]> {
  const url = new URL(`${config.apiBaseUrl.replace(/\/$/, "")}/connections`);
  if (authEventId) url.searchParams.set("authEventId", authEventId);
  const doFetch = config.fetch ?? fetch;
  const response = await doFetch(url, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" } });
  const text = await response.text();
  if (response.status === 401) throw new SyncError("token_expired", "Xero refused the access token when listing connections.", false, { status: 401 });
  if (response.status !== 200) throw new SyncError(response.status >= 500 ? "upstream_unavailable" : "bad_request", `Xero answered ${response.status} when listing connections.`, response.status >= 500, { status: response.status });
  let parsed;
  try {
    parsed = connectionsResponse.safeParse(JSON.parse(text));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) throw new SyncError("malformed_response", "Xero's /connections answer does not have the documented shape.", true);
  return parsed.data.map((c) => ({
    id: c.id,
    authEventId: c.authEventId ?? null,
    tenantId: c.tenantId,
    tenantType: c.tenantType,
    tenantName: c.tenantName ?? null,
    createdDateUtc: c.createdDateUtc ? parseUtcWithoutZone(c.createdDateUtc) : null,
    updatedDateUtc: c.updatedDateUtc ? parseUtcWithoutZone(c.updatedDateUtc) : null,
  }));
}

/**
 * Single-flight refresh for one token set within a process: concurrent callers share one request,
 * so two pages that both hit TokenExpired never spend the refresh token twice. (Across processes the
 * caller's row lock does the same job.)
 */
export class TokenSetHolder {
  private inflight: Promise<string> | null = null;
  constructor(
    private tokens: XeroTokenSet,
    private readonly doRefresh: (refreshToken: string) => Promise<XeroTokenSet>,
    private readonly now: () => number = Date.now,
  ) {}
  current(): XeroTokenSet {
    return this.tokens;
  }
  async accessToken(): Promise<string> {
    if (needsRefresh(this.tokens, this.now())) return this.refresh();
    return this.tokens.accessToken;
  }
  /** `staleToken` is the token the caller saw fail: if another caller already replaced it, no second refresh. */
  refresh(staleToken?: string): Promise<string> {
    if (staleToken !== undefined && staleToken !== this.tokens.accessToken) return Promise.resolve(this.tokens.accessToken);
    if (!this.inflight) {
      this.inflight = (async () => {
        this.tokens = await this.doRefresh(this.tokens.refreshToken);
        return this.tokens.accessToken;
      })().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }
}
