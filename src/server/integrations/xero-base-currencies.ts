import { RateLimiter } from "@edge-shared/sync/rate-limiter.ts";
import { SyncError } from "@edge-shared/sync/sync-errors.ts";
import type { SyncSettings } from "@edge-shared/sync/sync-settings.ts";
import { XeroAccountingClient } from "@edge-shared/sync/xero-accounting.ts";

/**
 * The base currency of each Xero organisation a consent just connected (GET /Organisation with the
 * fresh access token), so the callback can hold back one whose currency differs from the
 * organization's. A failure here fails the connect: it is never guessed.
 */
export async function xeroBaseCurrencies(settings: SyncSettings, accessToken: string, tenantIds: string[]): Promise<Map<string, string>> {
  const limiter = new RateLimiter(settings.limits);
  const tokens = {
    accessToken: async () => accessToken,
    // A token issued a moment ago does not expire during these few calls; if Xero says so, connect again.
    refresh: async (): Promise<string> => {
      throw new SyncError("reconnect_required", "Xero did not accept the new access token.", false);
    },
  };
  const currencies = new Map<string, string>();
  for (const tenantId of tenantIds) {
    const client = new XeroAccountingClient({ baseUrl: settings.accountingUrl, tenantId, tokens, limiter, maxRetries: 1, timeoutMs: 15_000 });
    currencies.set(tenantId, (await client.fetchOrganisation()).baseCurrency);
  }
  return currencies;
}
