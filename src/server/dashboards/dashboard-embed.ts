import type { Tx } from "@/server/db";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { AppError } from "@/server/http/app-error";
import type { OrgContext } from "@/server/orgs/resolve-org";
import { getDashboardFor } from "./get-dashboard-for";
import { signMetabaseEmbed } from "./metabase-embed";
import { recordDashboardView } from "./record-dashboard-view";

/** Mints an embed URL for a Metabase dashboard the caller may open, and records the view. */
export async function issueDashboardEmbed(tx: Tx, org: OrgContext, id: string) {
  const dashboard = await getDashboardFor(tx, org, id);
  if (dashboard.kind !== "metabase" || dashboard.metabaseDashboardId === null) {
    throw new AppError("BAD_REQUEST", "This is a native dashboard: it has no embed");
  }
  const embed = signMetabaseEmbed(dashboard.metabaseDashboardId, org.id);
  await recordDashboardView(tx, org.id, dashboard.id);
  await recordAuditEvent(tx, { action: "dashboards.embed_issued", orgId: org.id, targetType: "dashboard", targetId: dashboard.id, metadata: { metabaseDashboardId: dashboard.metabaseDashboardId } });
  return embed;
}
