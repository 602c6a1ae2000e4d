import type { SYNC_RUN_STATUSES, SYNC_TRIGGERS } from "./sync-schemas";

/** What the /api/sync routes answer (timestamps as ISO strings), for the services and the panel. */
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];
export type SyncTriggerKind = (typeof SYNC_TRIGGERS)[number];
/** `currency_mismatch`: the Xero organisation's base currency differs from the organization's; it waits for an admin. */
export type ConnectionStatusKind = "connected" | "reconnect_required" | "disconnected" | "currency_mismatch";

export interface SyncEntityCounts {
  fetched: number;
  upserted: number;
  deleted: number;
}

export interface SyncRunView {
  id: string;
  connectionId: string;
  provider: "xero" | "xpm";
  tenantName: string | null;
  trigger: SyncTriggerKind;
  status: SyncRunStatus;
  entities: string[] | null;
  fullResync: boolean;
  progress: { percent?: number; entity?: string; message?: string };
  counts: Record<string, SyncEntityCounts>;
  /** Rows written (upserted) over every entity. */
  rows: number;
  pages: number;
  apiCalls: number;
  error: string | null;
  retryAt: string | null;
  requestedBy: { id: string; email: string | null; name: string | null } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** From start to finish (or to now while running); null before it starts. */
  durationMs: number | null;
}

export interface SyncConnectionStatus {
  id: string;
  provider: "xero" | "xpm";
  tenantId: string;
  tenantName: string | null;
  status: ConnectionStatusKind;
  connectedAt: string;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  pausedUntil: string | null;
  tokenExpiresAt: string | null;
  activeRun: SyncRunView | null;
  lastRun: SyncRunView | null;
}

export interface SyncStatusView {
  connections: SyncConnectionStatus[];
  /** The database's clock when this was read, so "3 minutes ago" does not depend on the browser's. */
  now: string;
}

export interface TriggeredSyncRun {
  connectionId: string;
  runId: string;
  jobId: string | null;
  /** False when the connection already had a queued or running run (that run is returned). */
  created: boolean;
  run: SyncRunView;
}

export interface SyncHistoryPage {
  items: SyncRunView[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface ErrorRate {
  finished: number;
  failed: number;
  /** failed / finished, or null with no finished run. */
  rate: number | null;
}

export interface SyncConnectionHealth {
  connectionId: string;
  provider: "xero" | "xpm";
  tenantName: string | null;
  status: ConnectionStatusKind;
  lastSuccessAt: string | null;
  lastSuccessAgeSeconds: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  errorRate: { last20: ErrorRate; last24h: ErrorRate };
  /** Xero's X-*Limit-Remaining values from the newest response, with the limits they count down from. */
  rateHeadroom: {
    day: number | null;
    minute: number | null;
    appMinute: number | null;
    at: string | null;
    limits: { day: number; minute: number; appMinute: number };
  };
  token: {
    accessExpiresAt: string | null;
    refreshedAt: string | null;
    /** Xero drops a refresh token unused for 60 days: refreshedAt + 60 days. */
    refreshExpiresAt: string | null;
    refreshAgeDays: number | null;
  };
  pausedUntil: string | null;
}

export interface SyncHealthView {
  connections: SyncConnectionHealth[];
  now: string;
}
