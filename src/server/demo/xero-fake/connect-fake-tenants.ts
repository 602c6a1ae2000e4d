import { randomUUID } from "node:crypto";
import type { Engine } from "@/server/db";
import { sql } from "@/server/db/sql";
import { asServiceOn } from "@/server/db/transactions";
import { buildAuthorizeUrl, exchangeAuthorizationCode, listConnections, type XeroOAuthConfig } from "@edge-shared/sync/xero-oauth.ts";
import { sealTokens, tokenKey } from "@edge-shared/sync/token-store.ts";
import type { SyncSettings } from "@edge-shared/sync/sync-settings.ts";
import type { XeroFake } from "./xero-fake";

/**
 * Connects an organization to some of the fake's tenants the way the callback does: a real
 * authorization code exchange, tokens sealed with the id-bound key,
 * `app_private.save_integration_consent`. Returns the connection id per tenant id. With
 * `recordBaseCurrency`, Xero organisations carry their base currency as the callback stores it (one
 * that differs from the organization's is then held back as `currency_mismatch`).
 */
export async function connectFakeTenants(
  engine: Engine,
  orgId: string,
  fake: XeroFake,
  settings: SyncSettings,
  tenantIds: string[],
  options: { now?: number; recordBaseCurrency?: boolean } = {},
): Promise<Record<string, string>> {
  const oauth: XeroOAuthConfig = settings.oauth;
  fake.consentTo(tenantIds);
  let code: string | null;
  try {
    const response = await fetch(buildAuthorizeUrl(oauth, randomUUID(), settings.oauth.scopes), { redirect: "manual" });
    code = response.status === 302 ? new URL(response.headers.get("location") ?? "", oauth.redirectUri).searchParams.get("code") : null;
    if (!code) throw new Error(`the fake Xero consent failed (${response.status})`);
  } finally {
    fake.consentTo(null);
  }
  const tokens = await exchangeAuthorizationCode(oauth, code, options.now);
  const connections = await listConnections(oauth, tokens.accessToken, tokens.authenticationEventId ?? undefined);
  const missing = tenantIds.filter((id) => !connections.some((c) => c.tenantId === id));
  if (missing.length > 0) throw new Error(`the fake Xero consent did not connect ${missing.join(", ")}`);
  const tokenSetId = randomUUID();
  const sealed = await sealTokens(await tokenKey(settings), tokenSetId, tokens);
  const tenants = tenantIds.map((tenantId) => {
    const c = connections.find((x) => x.tenantId === tenantId)!;
    const tenant = fake.tenants.get(tenantId);
    return {
      provider: c.tenantType === "PRACTICEMANAGER" ? "xpm" : "xero",
      tenantId,
      tenantName: c.tenantName ?? "Practice",
      xeroConnectionId: c.id,
      ...(options.recordBaseCurrency && tenant?.tenantType === "ORGANISATION" ? { baseCurrency: tenant.baseCurrency } : {}),
    };
  });
  const rows = await asServiceOn(engine, (tx) =>
    tx.query<{ id: string }>(sql`
      select id from app_private.save_integration_consent(${orgId}, ${tokenSetId}, ${sealed.accessEnc}, ${sealed.refreshEnc},
        ${new Date(tokens.expiresAt).toISOString()}, ${tokens.scope}, ${tokens.authenticationEventId}, ${JSON.stringify(tenants)}::jsonb) as id`),
  );
  return Object.fromEntries(tenants.map((t, i) => [t.tenantId, rows[i]!.id]));
}
