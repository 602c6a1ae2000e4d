import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { dashboardFilterOptions } from "@/server/dashboards/dashboard-filter-options";
import { dashboardFilterOptionsQuery, dashboardIdParams } from "@/lib/dashboard-schemas";

export const GET = route(
  { auth: "user", permission: "dashboards.view", params: dashboardIdParams, query: dashboardFilterOptionsQuery },
  async ({ db, org, params, query }) => db((tx) => dashboardFilterOptions(tx, org, params.id, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
