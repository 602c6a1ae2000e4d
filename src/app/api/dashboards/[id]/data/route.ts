import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { dashboardData } from "@/server/dashboards/dashboard-data";
import { dashboardDataQuerySchema, dashboardIdParamsSchema } from "@/lib/dashboard-schemas";

export const GET = route(
  { auth: "user", permission: "dashboards.view", params: dashboardIdParamsSchema, query: dashboardDataQuerySchema },
  async ({ db, org, params, query }) => db((tx) => dashboardData(tx, org, params.id, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
