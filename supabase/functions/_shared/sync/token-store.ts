/**
 * OAuth token sets at rest: sealed with AES-256-GCM (each token bound to its row id and role, so a
 * ciphertext moved to another row or column fails to decrypt) and refreshed one at a time: the
 * refresh runs inside a transaction that holds the row lock, and the rotated refresh token is stored
 * before that transaction commits, so two workers can never spend the same refresh token twice.
 */
import type { JobDatabase, JobTx } from "../db/database.ts";
import { sql } from "../db/sql.ts";
import { SyncError } from "./sync-errors.ts";
import { decryptToken, encryptToken, importTokenKey } from "./token-crypto.ts";
import { needsRefresh, refreshTokens, TokenSetHolder, type XeroOAuthConfig, type XeroTokenSet } from "./xero-oauth.ts";
import type { SyncSettings } from "./sync-settings.ts";

export interface SealedTokens {
  accessEnc: string;
  refreshEnc: string;
}

const keys = new Map<string, Promise<CryptoKey>>();

/** The AES key from settings (imported once per process). */
export function tokenKey(settings: Pick<SyncSettings, "encryptionKey">): Promise<CryptoKey> {
  const raw = settings.encryptionKey;
  if (!raw) {
    return Promise.reject(new SyncError("token_decrypt_failed", "The server has no key to encrypt integration tokens (see Deploy in the README), so they cannot be stored or read.", false));
  }
  let key = keys.get(raw);
  if (!key) {
    key = importTokenKey(raw);
    keys.set(raw, key);
  }
  return key;
}

export async function sealTokens(key: CryptoKey, tokenSetId: string, tokens: Pick<XeroTokenSet, "accessToken" | "refreshToken">): Promise<SealedTokens> {
  return {
    accessEnc: await encryptToken(key, tokens.accessToken, `${tokenSetId}:access`),
    refreshEnc: await encryptToken(key, tokens.refreshToken, `${tokenSetId}:refresh`),
  };
}

interface TokenSetRecord {
  id: string;
  access_token_enc: string;
  refresh_token_enc: string;
  expires_at: Date | string;
  scopes: string[];
  auth_event_id: string | null;
}

async function openRecord(key: CryptoKey, row: TokenSetRecord): Promise<XeroTokenSet> {
  return {
    accessToken: await decryptToken(key, row.access_token_enc, `${row.id}:access`),
    refreshToken: await decryptToken(key, row.refresh_token_enc, `${row.id}:refresh`),
    idToken: null,
    scope: row.scopes,
    expiresAt: new Date(row.expires_at).getTime(),
    authenticationEventId: row.auth_event_id,
  };
}

const selectTokenSet = (id: string, lock: boolean) => sql`
  select id, access_token_enc, refresh_token_enc, expires_at, scopes, auth_event_id
  from public.integration_token_sets where id = ${id} ${lock ? sql`for update` : sql``}`;

/** Reads and decrypts one token set (service role). */
export async function loadTokenSet(tx: JobTx, key: CryptoKey, tokenSetId: string): Promise<XeroTokenSet> {
  const row = await tx.maybeOne<TokenSetRecord>(selectTokenSet(tokenSetId, false));
  if (!row) throw new SyncError("reconnect_required", "This connection has no stored tokens; connect it again.", false);
  return openRecord(key, row);
}

/**
 * Refreshes a token set under its row lock. If another worker refreshed it while we waited for the
 * lock (the stored access token is no longer `staleAccessToken` and is still fresh), its result is
 * used and Xero is not called. The rotated tokens are stored, and every connection sharing the set
 * learns the new expiry, in the same transaction.
 */
export async function refreshTokenSet(
  db: JobDatabase,
  key: CryptoKey,
  oauth: XeroOAuthConfig,
  tokenSetId: string,
  staleAccessToken: string | undefined,
  now: () => number = Date.now,
): Promise<XeroTokenSet> {
  return db.transaction(async (tx) => {
    const row = await tx.maybeOne<TokenSetRecord>(selectTokenSet(tokenSetId, true));
    if (!row) throw new SyncError("reconnect_required", "This connection has no stored tokens; connect it again.", false);
    const current = await openRecord(key, row);
    if (staleAccessToken !== undefined && current.accessToken !== staleAccessToken && !needsRefresh(current, now())) return current;
    const fresh = await refreshTokens(oauth, current.refreshToken, now());
    const sealed = await sealTokens(key, tokenSetId, fresh);
    const expiresAt = new Date(fresh.expiresAt).toISOString();
    await tx.query(sql`
      update public.integration_token_sets
      set access_token_enc = ${sealed.accessEnc}, refresh_token_enc = ${sealed.refreshEnc}, expires_at = ${expiresAt},
          scopes = ${fresh.scope.length > 0 ? fresh.scope : row.scopes}, refreshed_at = now()
      where id = ${tokenSetId}`);
    await tx.query(sql`
      update public.integration_connections set token_expires_at = ${expiresAt}, token_refreshed_at = now()
      where token_set_id = ${tokenSetId}`);
    return fresh;
  });
}

/** Marks every connection of a token set as needing a new consent (Xero refused its refresh token). */
export async function markReconnectRequired(db: JobDatabase, tokenSetId: string, reason: string): Promise<void> {
  await db.transaction((tx) =>
    tx.query(sql`
      update public.integration_connections
      set status = 'reconnect_required', last_error = ${reason}, last_error_at = now()
      where token_set_id = ${tokenSetId} and status = 'connected'`),
  );
}

/**
 * An access-token source for one token set, single-flight within the process (TokenSetHolder) and
 * serialized across processes by the row lock. One holder per token set per process, so concurrent
 * runs of tenants sharing a consent share its refreshes too.
 */
const holders = new Map<string, Promise<TokenSetHolder>>();

export function tokenSource(
  db: JobDatabase,
  settings: Pick<SyncSettings, "encryptionKey" | "oauth">,
  tokenSetId: string,
  options: { fetch?: typeof fetch; now?: () => number } = {},
): Promise<TokenSetHolder> {
  let holder = holders.get(tokenSetId);
  if (!holder) {
    holder = (async () => {
      const key = await tokenKey(settings);
      const oauth: XeroOAuthConfig = { ...settings.oauth, fetch: options.fetch };
      const initial = await db.transaction((tx) => loadTokenSet(tx, key, tokenSetId));
      let lastSeen = initial.accessToken;
      return new TokenSetHolder(
        initial,
        async () => {
          const fresh = await refreshTokenSet(db, key, oauth, tokenSetId, lastSeen, options.now);
          lastSeen = fresh.accessToken;
          return fresh;
        },
        options.now,
      );
    })();
    holder.catch(() => holders.delete(tokenSetId));
    holders.set(tokenSetId, holder);
  }
  return holder;
}

/** Forgets cached holders (a new consent replaced the token set, or tests reset the database). */
export function forgetTokenSources(tokenSetId?: string): void {
  if (tokenSetId) holders.delete(tokenSetId);
  else holders.clear();
}
