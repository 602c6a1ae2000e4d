import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { listVisibleDashboards } from "@/server/dashboards/list-visible-dashboards";
import { metabaseConfigured } from "@/server/dashboards/metabase-configured";

export const GET = route({ auth: "user", permission: "dashboards.view" }, async ({ db, org }) => ({
  dashboards: await db((tx) => listVisibleDashboards(tx, org)),
  metabaseConfigured: metabaseConfigured(),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
