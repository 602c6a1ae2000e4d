import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { issueDashboardEmbed } from "@/server/dashboards/dashboard-embed";
import { dashboardIdParams } from "@/lib/dashboard-schemas";
import type { DashboardEmbedView } from "@/lib/dashboard-views";

export const POST = route({ auth: "user", permission: "dashboards.view", params: dashboardIdParams }, async ({ db, org, params }): Promise<DashboardEmbedView> =>
  db((tx) => issueDashboardEmbed(tx, org, params.id)),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
