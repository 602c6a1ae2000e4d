import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { refreshDashboard } from "@/server/dashboards/refresh-dashboard";
import { dashboardIdParams } from "@/lib/dashboard-schemas";

export const POST = route({ auth: "user", permission: "dashboards.view", params: dashboardIdParams }, async ({ db, org, params }) =>
  refreshDashboard(db, org, params.id),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
