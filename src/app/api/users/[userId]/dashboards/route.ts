import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { dashboardsOfUser } from "@/server/dashboards/user-dashboards";
import { userIdParams } from "@/lib/admin-schemas";

export const GET = route({ auth: "user", permission: "dashboards.view", params: userIdParams }, async ({ db, org, params, claims }) =>
  db((tx) => dashboardsOfUser(tx, org, params.userId, claims.sub)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
