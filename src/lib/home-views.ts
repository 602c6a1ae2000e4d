import type { AlertSummaryView } from "./alert-views";
import type { ImportStatus, ImportType } from "./import-views";
import type { ConnectionStatusKind, SyncRunStatus } from "./sync-views";
import type { Role } from "./permissions";

/**
 * The organization's home page (Overview): what a person opens every morning. Every block is null
 * when the viewer's role may not see it, so the page shows only what the role allows. Dates are ISO
 * strings (calendar days as YYYY-MM-DD).
 */
export interface HomeView {
  /** False for a new organization (no synced data, no connection): the page shows its start page. */
  hasData: boolean;
  currency: string;
  timezone: string;
  /** The organization's locale for numbers and dates (src/lib/org-locale.ts). */
  locale: string;
  /** The last 30 days up to today, and the 30 days before them that changes compare with. */
  period: { from: string; to: string; previousFrom: string; previousTo: string };
  figures: HomeFigure[] | null;
  alerts: AlertSummaryView | null;
  sync: HomeSync | null;
  imports: HomeImport[] | null;
  invitations: HomeInvitations | null;
  /**
   * Members who have not set up two-factor sign-in (admins only). Null until MFA exists: the
   * integrator wires the figure in get-home.ts and the block appears.
   */
  membersWithoutMfa: number | null;
}

export type HomeFigureKey = "revenue" | "cashReceived" | "receivables" | "billableHours";

export interface HomeFigure {
  key: HomeFigureKey;
  label: string;
  unit: "money" | "hours";
  value: number;
  /** The same figure over the previous period; null when it has none (a figure measured today). */
  previous: number | null;
  /** (value − previous) ÷ |previous|; null without a previous value or when it was 0. */
  change: number | null;
  /** Whether a rise is good news (revenue) or bad (receivables): how the change is coloured. */
  higherIsBetter: boolean;
  /** Monthly values over the last twelve months, oldest first, for a sparkline; empty when none. */
  trend: { month: string; value: number }[];
  /** The dashboard it comes from, when the viewer may open it. */
  dashboardId: string | null;
  note: string | null;
  /** A second amount in the same unit under the figure (e.g. what of it is overdue). */
  secondary: { label: string; value: number } | null;
}

export interface HomeSync {
  connections: {
    id: string;
    provider: "xero" | "xpm";
    tenantName: string | null;
    status: ConnectionStatusKind;
    running: boolean;
    lastSuccessAt: string | null;
    lastRun: { status: SyncRunStatus; finishedAt: string | null; rows: number; error: string | null } | null;
  }[];
}

export interface HomeImport {
  id: string;
  type: ImportType;
  status: ImportStatus;
  fileName: string;
  createdAt: string;
  createdBy: string | null;
  rows: number;
}

export interface HomeInvitations {
  pending: number;
  expired: number;
  latest: { id: string; email: string; role: Role; expiresAt: string }[];
}
