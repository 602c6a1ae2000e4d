import type { Tx } from "@/server/db";
import type { OrgContext } from "@/server/orgs/resolve-org";
import { organizationHasData } from "@/server/orgs/organization-has-data";
import { getAlertSummary } from "@/server/alerts/get-alert-summary";
import { isoDateIn } from "@/server/dashboards/date-range";
import { listVisibleDashboards } from "@/server/dashboards/list-visible-dashboards";
import { listImports } from "@/server/imports/list-imports";
import { listInvitations } from "@/server/invitations/list-invitations";
import { getSyncStatus } from "@/server/sync/get-sync-status";
import { countMembersWithoutFactor } from "@/server/mfa/count-members-without-factor";
import type { HomeFigure, HomeView } from "@/lib/home-views";
import { financeFigures } from "./finance-figures";
import { homePeriod } from "./home-period";
import { practiceFigures } from "./practice-figures";

/** Recent imports the home page lists. */
const RECENT_IMPORTS = 5;
/** Pending invitations it names (the count covers every one). */
const LATEST_INVITATIONS = 3;

/**
 * The home page as the caller may see it (RLS applies), each block from the service that owns its
 * data and only when the caller's role may see it: the figures of the dashboards they may open, open
 * alerts, the last sync, recent imports, and for member managers the pending invitations and the
 * members without two-factor sign-in.
 */
export async function getHome(tx: Tx, org: OrgContext): Promise<HomeView> {
  const may = (p: OrgContext["permissions"][number]) => org.permissions.includes(p);
  const hasData = await organizationHasData(tx, org.id);
  const today = isoDateIn(org.timezone);
  const period = homePeriod(today);

  let figures: HomeFigure[] | null = null;
  if (hasData && may("dashboards.view")) {
    const dashboards = await listVisibleDashboards(tx, org);
    const financial = dashboards.find((d) => d.kind === "native" && d.nativeView === "financial");
    const practice = dashboards.find((d) => d.kind === "native" && d.nativeView === "practice");
    figures = [
      ...(financial ? await financeFigures(tx, org.id, period, today, financial.id) : []),
      ...(practice ? await practiceFigures(tx, org, period, today, practice.id) : []),
    ];
    if (figures.length === 0) figures = null;
  }

  const sync = may("sync.read") ? await getSyncStatus(tx, org.id) : null;
  const imports = may("imports.run") ? await listImports(tx, org.id, { page: 1, pageSize: RECENT_IMPORTS }) : null;
  const invitations = may("members.manage") ? await listInvitations(tx, org.id) : null;

  return {
    hasData,
    currency: org.currency,
    timezone: org.timezone,
    locale: org.locale,
    period,
    figures,
    alerts: may("alerts.read") ? await getAlertSummary(tx, org.id) : null,
    sync: sync && {
      connections: sync.connections.map((c) => ({
        id: c.id,
        provider: c.provider,
        tenantName: c.tenantName,
        status: c.status,
        running: c.activeRun !== null,
        lastSuccessAt: c.lastSuccessAt,
        lastRun: c.lastRun && { status: c.lastRun.status, finishedAt: c.lastRun.finishedAt, rows: c.lastRun.rows, error: c.lastRun.error },
      })),
    },
    imports:
      imports &&
      imports.items.map((i) => ({
        id: i.id,
        type: i.type,
        status: i.status,
        fileName: i.fileName,
        createdAt: i.createdAt,
        createdBy: i.createdBy?.name ?? i.createdBy?.email ?? null,
        rows: i.counts.total,
      })),
    invitations: invitations && {
      pending: invitations.filter((i) => i.state === "pending").length,
      expired: invitations.filter((i) => i.state === "expired").length,
      latest: invitations
        .filter((i) => i.state === "pending")
        .slice(0, LATEST_INVITATIONS)
        .map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: new Date(i.expiresAt).toISOString() })),
    },
    // For those who manage members: who still signs in with a password alone.
    membersWithoutMfa: may("members.manage") ? await countMembersWithoutFactor(tx, org.id) : null,
  };
}
