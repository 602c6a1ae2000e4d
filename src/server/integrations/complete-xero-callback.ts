import { randomUUID } from "node:crypto";
import { SyncError } from "@edge-shared/sync/sync-errors.ts";
import { forgetTokenSources, sealTokens, tokenKey } from "@edge-shared/sync/token-store.ts";
import { exchangeAuthorizationCode, listConnections, type XeroConnection, type XeroTokenSet } from "@edge-shared/sync/xero-oauth.ts";
import { syncConfig } from "@/server/config";
import { sql, type CallerDb } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import { logger } from "@/server/http/logger";
import type { ErrorCode } from "@/lib/error-codes";
import { consumeOAuthState, type ConsumedOAuthState } from "./consume-oauth-state";
import { hashOAuthState } from "./hash-oauth-state";
import { xeroBaseCurrencies } from "./xero-base-currencies";
import { TENANT_TYPE } from "./xero-scopes";


export interface CallbackInput {
  code?: string;
  state?: string;
  error?: string;
}

/**
 * Where the browser goes next: the organization's integrations page with `connected` (and
 * `pending`: connections held back until an admin chooses the currency) or `error`.
 */
export interface CallbackOutcome {
  orgSlug: string;
  connected: number;
  pending: number;
  error?: { code: ErrorCode; message: string };
  redirectPath: string;
}

const PROVIDER_NAME = { xero: "Xero organization", xpm: "Xero Practice Manager practice" } as const;

/**
 * Xero's redirect back after consent. A bad `state` (missing, unknown, someone else's, used or
 * expired) is refused with INVALID_TOKEN before anything is written. Once the state is good the
 * organization is known, so every later failure (declined consent, Xero unreachable, no tenant of
 * the right type) sends the browser back to its integrations page with a message instead of
 * leaving it on a JSON error.
 */
export async function completeXeroCallback(db: CallerDb, input: CallbackInput): Promise<CallbackOutcome> {
  if (!input.state) throw new AppError("INVALID_TOKEN", "Xero's answer has no state. Start again from Settings › Integrations.");
  const state = await db((tx) => consumeOAuthState(tx, hashOAuthState(input.state!)));
  const fail = (code: ErrorCode, message: string) => outcome(state, 0, 0, { code, message });

  if (input.error) {
    return fail(
      "BAD_REQUEST",
      input.error === "access_denied"
        ? "Nothing was connected: access was declined in Xero."
        : `Nothing was connected: Xero refused the authorization (${input.error.slice(0, 64)}).`,
    );
  }
  if (!input.code) return fail("INVALID_TOKEN", "Xero's answer has no authorization code. Try connecting again.");

  const settings = syncConfig();
  if (!settings.oauthConfigured) return fail("SERVICE_UNAVAILABLE", "Xero is not configured on this server");

  let tokens: XeroTokenSet;
  let wanted: XeroConnection[];
  // Xero organisations say which currency their books are in; XPM practices have none.
  let currencies = new Map<string, string>();
  try {
    tokens = await exchangeAuthorizationCode(settings.oauth, input.code);
    const tenants = await listConnections(settings.oauth, tokens.accessToken, tokens.authenticationEventId ?? undefined);
    wanted = tenants.filter((t) => t.tenantType === TENANT_TYPE[state.provider]);
    if (state.provider === "xero" && wanted.length > 0) currencies = await xeroBaseCurrencies(settings, tokens.accessToken, wanted.map((t) => t.tenantId));
  } catch (error) {
    const mapped = upstreamFailure(error);
    logger.warn({ err: error, orgId: state.orgId, provider: state.provider }, "xero consent could not be completed");
    return fail(mapped.code, mapped.message);
  }

  if (wanted.length === 0) {
    return fail(
      "VALIDATION_FAILED",
      `Nothing was connected: none of the organizations chosen in Xero is a ${PROVIDER_NAME[state.provider]}. Connect again and choose one.`,
    );
  }

  const tokenSetId = randomUUID();
  const sealed = await sealTokens(await tokenKey(settings), tokenSetId, tokens);
  const payload = wanted.map((t) => ({
    provider: state.provider,
    tenantId: t.tenantId,
    tenantName: t.tenantName,
    xeroConnectionId: t.id,
    baseCurrency: currencies.get(t.tenantId) ?? null,
  }));
  const { connected, pending, replaced } = await db(async (tx) => {
    const previous = await tx.query<{ token_set_id: string }>(sql`
      select distinct token_set_id from public.integration_connections
      where org_id = ${state.orgId}::uuid and provider = ${state.provider} and token_set_id is not null
        and tenant_id = any(${wanted.map((t) => t.tenantId)}::text[])`);
    const ids = await tx.query<{ id: string }>(sql`
      select id from app_private.save_integration_consent(
        ${state.orgId}::uuid, ${tokenSetId}::uuid, ${sealed.accessEnc}, ${sealed.refreshEnc},
        ${new Date(tokens.expiresAt)}::timestamptz, ${tokens.scope}::text[], ${tokens.authenticationEventId},
        ${JSON.stringify(payload)}::jsonb) as id`);
    // A statement does not see rows its own function call wrote: the statuses are read in the next one.
    const saved = await tx.query<{ status: string }>(sql`
      select status from public.integration_connections where id = any(${ids.map((r) => r.id)}::uuid[])`);
    const held = saved.filter((r) => r.status === "currency_mismatch").length;
    return { connected: saved.length - held, pending: held, replaced: previous.map((r) => r.token_set_id) };
  });
  // A worker in this process may still hold the old consent's tokens; the next run reloads them.
  for (const id of replaced) forgetTokenSources(id);
  return outcome(state, connected, pending);
}

function outcome(state: ConsumedOAuthState, connected: number, pending: number, error?: CallbackOutcome["error"]): CallbackOutcome {
  const params = new URLSearchParams({ provider: state.provider });
  if (error) {
    params.set("error", error.message);
    params.set("code", error.code);
  } else {
    params.set("connected", String(connected));
    if (pending > 0) params.set("pending", String(pending));
  }
  return { orgSlug: state.orgSlug, connected, pending, error, redirectPath: `/${state.orgSlug}/settings/integrations?${params}` };
}

function upstreamFailure(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof SyncError && (error.code === "reconnect_required" || error.code === "bad_request")) {
    return { code: "INVALID_TOKEN", message: "Xero did not accept the authorization (it may have expired or been used already). Try connecting again." };
  }
  return { code: "UPSTREAM_ERROR", message: "Xero could not be reached to finish connecting. Nothing was connected; try again in a moment." };
}
