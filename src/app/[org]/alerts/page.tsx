import type { Metadata } from "next";

import { AlertsPanel, type AlertsPanelFilters } from "@/components/alerts/alerts-panel";
import { PageHeader } from "@/components/page-header";
import { requireOrg } from "@/server/auth/current-user";
import { ALERT_STATUS_FILTERS } from "@/lib/alert-schemas";
import { UTILIZATION_LEVELS, type UtilizationLevel } from "@/lib/procurement-views";

export const metadata: Metadata = { title: "Alerts" };

type Search = Record<string, string | string[] | undefined>;

/** Unknown filter values in the URL fall back to the defaults rather than failing the page. */
function filtersFrom(search: Search): AlertsPanelFilters {
  const one = (key: string) => (Array.isArray(search[key]) ? search[key][0] : search[key]);
  const level = one("level");
  const status = one("status");
  const page = Number(one("page"));
  return {
    level: (UTILIZATION_LEVELS as readonly string[]).includes(level ?? "") ? (level as UtilizationLevel) : undefined,
    status: status === "all" || (ALERT_STATUS_FILTERS as readonly string[]).includes(status ?? "") ? (status as AlertsPanelFilters["status"]) : "active",
    page: Number.isInteger(page) && page > 1 && page <= 10_000 ? page : 1,
  };
}

export default async function AlertsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const { org: slug } = await params;
  const { org } = await requireOrg(slug, "alerts.read");
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Purchase orders whose spend reached a budget threshold of this organization, newest escalation first."
      />
      <AlertsPanel org={org.slug} canAcknowledge={org.permissions.includes("alerts.acknowledge")} initial={filtersFrom(await searchParams)} />
    </>
  );
}
