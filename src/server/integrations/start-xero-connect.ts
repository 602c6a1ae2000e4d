import { buildAuthorizeUrl } from "@edge-shared/sync/xero-oauth.ts";
import { syncConfig } from "@/server/config";
import { sql, type Tx } from "@/server/db";
import type { IntegrationProviderName } from "@/lib/integration-schemas";
import { AppError } from "@/server/http/app-error";
import { newOAuthState } from "./new-oauth-state";
import { xeroConnectable } from "./xero-connectable";
import { xeroScopesFor } from "./xero-scopes";

/** Long enough to sign in to Xero and pick organisations, short enough that a leaked link is soon useless. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

/**
 * Starts a consent: stores the hash of a fresh `state` bound to the caller and organization (RLS
 * lets only members with integrations.manage insert it) and returns Xero's authorize URL.
 */
export async function startXeroConnect(tx: Tx, orgId: string, provider: IntegrationProviderName): Promise<string> {
  if (!xeroConnectable()) throw new AppError("SERVICE_UNAVAILABLE", "Xero is not configured on this server");
  const settings = syncConfig();
  const { state, hash } = newOAuthState();
  const expiresAt = new Date(Date.now() + OAUTH_STATE_TTL_MS);
  // Spent and expired states have no use left; each new consent sweeps the caller's own.
  await tx.query(sql`delete from public.integration_oauth_states where user_id = (select auth.uid()) and (used_at is not null or expires_at < now())`);
  await tx.query(sql`
    insert into public.integration_oauth_states (state_hash, org_id, user_id, provider, expires_at)
    values (${hash}, ${orgId}::uuid, (select auth.uid()), ${provider}, ${expiresAt}::timestamptz)`);
  return buildAuthorizeUrl(settings.oauth, state, xeroScopesFor(provider, settings.oauth.scopes));
}
