import { randomUUID } from "node:crypto";
import type { Engine } from "@/server/db";
import { sql } from "@/server/db/sql";
import { asServiceOn } from "@/server/db/transactions";
import { RECOMMENDED_XERO_SCOPES, buildAuthorizeUrl, exchangeAuthorizationCode, listConnections, type XeroOAuthConfig } from "@jobs/sync/xero-oauth.ts";
import { DEFAULT_RATE_LIMITS } from "@jobs/sync/rate-limiter.ts";
import { sealTokens, tokenKey } from "@jobs/sync/token-store.ts";
import type { SyncSettings } from "@jobs/sync/sync-settings.ts";
import type { XeroFake } from "../fakes/xero-fake";

export const TEST_REDIRECT_URI = "http://localhost:3000/api/integrations/xero/callback";
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");

/** Sync settings pointing at a fake (limits as given; tests shorten the "minute"). */
export function fakeSyncSettings(fake: XeroFake, overrides: Partial<SyncSettings> = {}): SyncSettings {
  return {
    oauth: {
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      redirectUri: TEST_REDIRECT_URI,
      authorizeUrl: fake.authorizeUrl,
      tokenUrl: fake.tokenUrl,
      apiBaseUrl: fake.apiUrl,
      scopes: RECOMMENDED_XERO_SCOPES,
    },
    oauthConfigured: true,
    accountingUrl: fake.accountingUrl,
    xpmUrl: fake.xpmUrl,
    webhookKey: undefined,
    encryptionKey: TEST_ENCRYPTION_KEY,
    limits: { ...DEFAULT_RATE_LIMITS },
    pageSize: 100,
    fullResyncMs: 24 * 3_600_000,
    scheduleMinutes: 15,
    xpmWindowDays: 730,
    ...overrides,
  };
}

/**
 * Connects an organization to the fake's tenants the way the callback does: a real authorization
 * code exchange, tokens sealed with the id-bound key, `app_private.save_integration_consent`.
 * Returns the connection id per tenant id.
 */
export async function connectFakeTenants(engine: Engine, orgId: string, fake: XeroFake, settings: SyncSettings, tenantIds: string[]): Promise<Record<string, string>> {
  const oauth: XeroOAuthConfig = settings.oauth;
  fake.consentTo(tenantIds);
  const response = await fetch(buildAuthorizeUrl(oauth, randomUUID()), { redirect: "manual" });
  const code = new URL(response.headers.get("location")!).searchParams.get("code")!;
  fake.consentTo(null);
  const tokens = await exchangeAuthorizationCode(oauth, code);
  const connections = await listConnections(oauth, tokens.accessToken, tokens.authenticationEventId ?? undefined);
  const tokenSetId = randomUUID();
  const sealed = await sealTokens(await tokenKey(settings), tokenSetId, tokens);
  const tenants = connections.map((c) => ({
    provider: c.tenantType === "PRACTICEMANAGER" ? "xpm" : "xero",
    tenantId: c.tenantId,
    tenantName: c.tenantName ?? "Practice",
    xeroConnectionId: c.id,
  }));
  const ids = await asServiceOn(engine, (tx) =>
    tx.query<{ id: string }>(sql`
      select id from app_private.save_integration_consent(${orgId}, ${tokenSetId}, ${sealed.accessEnc}, ${sealed.refreshEnc},
        ${new Date(tokens.expiresAt).toISOString()}, ${tokens.scope}, ${tokens.authenticationEventId}, ${JSON.stringify(tenants)}::jsonb) as id`),
  );
  return Object.fromEntries(tenants.map((t, i) => [t.tenantId, ids[i]!.id]));
}
