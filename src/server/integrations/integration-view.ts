import { sql } from "@/server/db";
import type { IntegrationProviderName } from "@/lib/integration-schemas";
import type { ConnectionStatusKind } from "@/lib/sync-views";

/** A connection as members see it: status and health, never tokens. */
export interface IntegrationView {
  id: string;
  provider: IntegrationProviderName;
  tenantId: string;
  tenantName: string | null;
  status: ConnectionStatusKind;
  /** The Xero organisation's base currency (null for XPM practices). */
  baseCurrency: string | null;
  tokenExpiresAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  pausedUntil: Date | null;
  connectedAt: Date;
  connectedByEmail: string | null;
  disconnectedAt: Date | null;
}

export const integrationColumns = sql`
  c.id, c.provider, c.tenant_id as "tenantId", c.tenant_name as "tenantName", c.status, c.base_currency as "baseCurrency",
  c.token_expires_at as "tokenExpiresAt", c.last_success_at as "lastSuccessAt", c.last_error as "lastError",
  c.last_error_at as "lastErrorAt", c.paused_until as "pausedUntil", c.connected_at as "connectedAt",
  p.email as "connectedByEmail", c.disconnected_at as "disconnectedAt"`;

export const integrationFrom = sql`
  public.integration_connections c left join public.user_profiles p on p.user_id = c.connected_by`;
