import { route } from "@/server/http/route";
import { dashboardsOfUser } from "@/server/dashboards/user-dashboards";
import { userIdParamsSchema } from "@/lib/dashboard-schemas";

export const GET = route({ auth: "user", permission: "dashboards.view", params: userIdParamsSchema }, async ({ db, org, params, claims }) =>
  db((tx) => dashboardsOfUser(tx, org, params.userId, claims.sub)),
);
