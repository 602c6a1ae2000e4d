import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { dashboardData } from "@/server/dashboards/dashboard-data";
import { dashboardDataQuery, dashboardIdParams } from "@/lib/dashboard-schemas";

export const GET = route(
  { auth: "user", permission: "dashboards.view", params: dashboardIdParams, query: dashboardDataQuery },
  async ({ db, org, params, query }) => db((tx) => dashboardData(tx, org, params.id, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
