import { sql } from "@/server/db";
import { toIso } from "@/server/db/to-iso";
import type { IntegrationView } from "@/lib/integration-views";

type Timestamp = Date | string;

/** A row selected with `integrationColumns` from `integrationFrom`. */
export interface IntegrationRow
  extends Omit<IntegrationView, "tokenExpiresAt" | "lastSuccessAt" | "lastErrorAt" | "pausedUntil" | "connectedAt" | "disconnectedAt"> {
  tokenExpiresAt: Timestamp | null;
  lastSuccessAt: Timestamp | null;
  lastErrorAt: Timestamp | null;
  pausedUntil: Timestamp | null;
  connectedAt: Timestamp;
  disconnectedAt: Timestamp | null;
}

export const integrationColumns = sql`
  c.id, c.provider, c.tenant_id as "tenantId", c.tenant_name as "tenantName", c.status, c.base_currency as "baseCurrency",
  c.token_expires_at as "tokenExpiresAt", c.last_success_at as "lastSuccessAt", c.last_error as "lastError",
  c.last_error_at as "lastErrorAt", c.paused_until as "pausedUntil", c.connected_at as "connectedAt",
  p.email as "connectedByEmail", c.disconnected_at as "disconnectedAt"`;

export const integrationFrom = sql`
  public.integration_connections c left join public.user_profiles p on p.user_id = c.connected_by`;

const isoOrNull = (value: Timestamp | null) => (value === null ? null : toIso(value));

export function toIntegrationView(row: IntegrationRow): IntegrationView {
  return {
    ...row,
    tokenExpiresAt: isoOrNull(row.tokenExpiresAt),
    lastSuccessAt: isoOrNull(row.lastSuccessAt),
    lastErrorAt: isoOrNull(row.lastErrorAt),
    pausedUntil: isoOrNull(row.pausedUntil),
    connectedAt: toIso(row.connectedAt),
    disconnectedAt: isoOrNull(row.disconnectedAt),
  };
}
