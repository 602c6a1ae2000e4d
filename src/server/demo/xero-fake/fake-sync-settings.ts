import { RECOMMENDED_XERO_SCOPES } from "@edge-shared/sync/xero-oauth.ts";
import { DEFAULT_RATE_LIMITS } from "@edge-shared/sync/rate-limiter.ts";
import type { SyncSettings } from "@edge-shared/sync/sync-settings.ts";
import type { XeroFake } from "./xero-fake";

export const FAKE_REDIRECT_URI = "http://localhost:3000/api/integrations/xero/callback";
export const FAKE_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");

/** Sync settings pointing at a fake (tests and the benchmark; limits as given, tests shorten the "minute"). */
export function fakeSyncSettings(fake: XeroFake, overrides: Partial<SyncSettings> = {}): SyncSettings {
  return {
    oauth: {
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      redirectUri: FAKE_REDIRECT_URI,
      authorizeUrl: fake.authorizeUrl,
      tokenUrl: fake.tokenUrl,
      apiBaseUrl: fake.apiUrl,
      scopes: RECOMMENDED_XERO_SCOPES,
    },
    oauthConfigured: true,
    accountingUrl: fake.accountingUrl,
    xpmUrl: fake.xpmUrl,
    webhookKey: undefined,
    encryptionKey: FAKE_ENCRYPTION_KEY,
    limits: { ...DEFAULT_RATE_LIMITS },
    pageSize: 100,
    fullResyncMs: 24 * 3_600_000,
    scheduleMinutes: 15,
    xpmWindowDays: 730,
    ...overrides,
  };
}
