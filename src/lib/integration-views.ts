import type { IntegrationProviderName } from "./integration-schemas";
import type { ConnectionStatusKind } from "./sync-views";

/** What the /api/integrations routes answer (timestamps as ISO strings), for the services and Settings › Integrations. */
export interface IntegrationView {
  id: string;
  provider: IntegrationProviderName;
  tenantId: string;
  tenantName: string | null;
  status: ConnectionStatusKind;
  /** The Xero organisation's base currency (null for XPM practices). */
  baseCurrency: string | null;
  tokenExpiresAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  pausedUntil: string | null;
  connectedAt: string;
  connectedByEmail: string | null;
  disconnectedAt: string | null;
}

/** GET /api/integrations. */
export interface IntegrationListView {
  items: IntegrationView[];
  xeroConfigured: boolean;
  /** The organization's currency: what a held-back connection's currency is compared with. */
  currency: string;
}

/** DELETE /api/integrations/{id}. */
export interface DisconnectedIntegrationView {
  integration: IntegrationView;
  /** Whether Xero confirmed it removed the connection too (false: the admin may remove it in Xero). */
  removedInXero: boolean;
}

/** POST /api/integrations/{id}/currency. */
export interface AdoptedCurrencyView {
  integration: IntegrationView;
  currency: string;
  previousCurrency: string;
}
