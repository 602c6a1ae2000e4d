import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { dashboardAccess } from "@/server/dashboards/dashboard-access";
import { dashboardIdParams } from "@/lib/dashboard-schemas";

export const GET = route({ auth: "user", permission: "dashboards.view", params: dashboardIdParams }, async ({ db, org, params }) =>
  db((tx) => dashboardAccess(tx, org, params.id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
