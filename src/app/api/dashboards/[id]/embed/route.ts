import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { issueDashboardEmbed } from "@/server/dashboards/dashboard-embed";
import { dashboardIdParams } from "@/lib/dashboard-schemas";

export const POST = route({ auth: "user", permission: "dashboards.view", params: dashboardIdParams }, async ({ db, org, params }) =>
  db((tx) => issueDashboardEmbed(tx, org, params.id)),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
