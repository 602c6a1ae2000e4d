import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { loadDashboards } from "@/server/dashboards/load-dashboards";
import { metabaseConfigured } from "@/server/dashboards/metabase-configured";
import { updateDashboardConfig } from "@/server/dashboards/update-dashboard-config";
import { dashboardConfigUpdateBody } from "@/lib/dashboard-schemas";
import type { DashboardConfigView } from "@/lib/dashboard-views";

export const GET = route({ auth: "user", permission: "dashboards.manage" }, async ({ db, org }): Promise<DashboardConfigView> => ({
  dashboards: await db((tx) => loadDashboards(tx, org.id)),
  metabaseConfigured: metabaseConfigured(),
}));

export const PUT = route({ auth: "user", permission: "dashboards.manage", body: dashboardConfigUpdateBody }, async ({ db, org, body }): Promise<DashboardConfigView> => ({
  dashboards: await db((tx) => updateDashboardConfig(tx, org.id, body)),
  metabaseConfigured: metabaseConfigured(),
}));

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods({ GET, PUT });
