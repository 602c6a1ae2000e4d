import type { ConnectionStatusKind } from "@/lib/sync-views";
import { formatDate } from "@/lib/format-date";

/** A connection as GET /api/integrations returns it (dates as ISO strings). */
export interface IntegrationItem {
  id: string;
  provider: "xero" | "xpm";
  tenantId: string;
  tenantName: string | null;
  status: ConnectionStatusKind;
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

export interface IntegrationsResponse {
  items: IntegrationItem[];
  xeroConfigured: boolean;
  /** The organization's currency. */
  currency: string;
}

export const PROVIDERS = {
  xero: { name: "Xero", tenantNoun: "organization", description: "Accounting: contacts, invoices, payments and the chart of accounts." },
  xpm: { name: "Xero Practice Manager", tenantNoun: "practice", description: "Practice: clients, staff, jobs, time, invoices and costs." },
} as const;

export function formatWhen(iso: string | null): string | null {
  return iso ? formatDate(iso, "dateTime") : null;
}
