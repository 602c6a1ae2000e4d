import { decryptToken } from "@edge-shared/sync/token-crypto.ts";
import { forgetTokenSources, tokenKey } from "@edge-shared/sync/token-store.ts";
import { syncConfig } from "@/server/config";
import { sql, type CallerDb } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import { logger } from "@/server/http/logger";
import type { DisconnectedIntegrationView } from "@/lib/integration-views";
import { integrationColumns, integrationFrom, toIntegrationView, type IntegrationRow } from "./integration-view";

interface Disconnected {
  xero_connection_id: string | null;
  token_set_id: string | null;
  access_token_enc: string | null;
  token_set_dropped: boolean;
  shared_elsewhere: boolean;
}

/**
 * Stops syncing a connection (the guarded function cancels its queued runs and drops tokens no other
 * connection shares, with the audit event), then tells Xero. Our side is final once the transaction
 * commits, so a failure to reach Xero is logged, never surfaced.
 */
export async function disconnectIntegration(db: CallerDb, orgId: string, connectionId: string): Promise<DisconnectedIntegrationView> {
  const { done, integration } = await db(async (tx) => {
    // The function checks membership of the connection's organization; this keeps the request's.
    const mine = await tx.maybeOne(sql`select 1 from public.integration_connections where id = ${connectionId}::uuid and org_id = ${orgId}::uuid`);
    if (!mine) throw notFound("Connection");
    const done = await tx.one<Disconnected>(sql`
      select xero_connection_id, token_set_id, access_token_enc, token_set_dropped, shared_elsewhere
      from app_private.disconnect_integration(${connectionId}::uuid)`);
    const integration = await tx.one<IntegrationRow>(sql`select ${integrationColumns} from ${integrationFrom} where c.id = ${connectionId}::uuid`);
    return { done, integration: toIntegrationView(integration) };
  });
  if (done.token_set_id && done.token_set_dropped) forgetTokenSources(done.token_set_id);
  const removedInXero = await removeXeroConnection(done, { orgId, connectionId });
  return { integration, removedInXero };
}

async function removeXeroConnection(done: Disconnected, log: { orgId: string; connectionId: string }): Promise<boolean> {
  if (!done.xero_connection_id || !done.token_set_id || !done.access_token_enc || done.shared_elsewhere) return false;
  const settings = syncConfig();
  try {
    const accessToken = await decryptToken(await tokenKey(settings), done.access_token_enc, `${done.token_set_id}:access`);
    const url = `${settings.oauth.apiBaseUrl.replace(/\/$/, "")}/connections/${encodeURIComponent(done.xero_connection_id)}`;
    const response = await fetch(url, { method: "DELETE", headers: { authorization: `Bearer ${accessToken}` }, signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
    // 404: Xero no longer has it (removed on Xero's side already), which is what we wanted.
    if (response.ok || response.status === 404) return true;
    logger.warn({ ...log, status: response.status }, "xero did not remove the connection; it stays listed under Connected apps in Xero");
  } catch (error) {
    logger.warn({ ...log, err: error }, "xero could not be told about a disconnection");
  }
  return false;
}
