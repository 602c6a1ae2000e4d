import { sql, type Tx } from "@/server/db";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { AppError } from "@/server/http/app-error";
import type { DashboardConfigUpdate } from "@/lib/dashboard-schemas";
import { loadDashboards } from "./load-dashboards";
import type { Dashboard } from "./dashboard-types";

/**
 * Saves enable/disable, order, allowed roles and kind of the organization's dashboards (RLS lets
 * only dashboards.manage write). Ids of other organizations are NOT_FOUND, as if they did not exist.
 */
export async function updateDashboardConfig(tx: Tx, orgId: string, update: DashboardConfigUpdate): Promise<Dashboard[]> {
  const existing = new Map((await loadDashboards(tx, orgId)).map((d) => [d.id, d]));
  for (const item of update.dashboards) {
    const current = existing.get(item.id);
    if (!current) throw new AppError("NOT_FOUND", "Dashboard not found", { id: item.id });
    if (item.kind === "native" && current.nativeView === null) {
      throw new AppError("VALIDATION_FAILED", "Some fields are invalid", { kind: ["only a built-in dashboard can be native"] });
    }
    await tx.query(sql`
      update public.dashboards
      set enabled = ${item.enabled}, position = ${item.position}, allowed_roles = ${item.allowedRoles}::text[], kind = ${item.kind},
          metabase_dashboard_id = ${item.kind === "metabase" ? item.metabaseDashboardId : null}
      where id = ${item.id}::uuid and org_id = ${orgId}`);
  }
  await recordAuditEvent(tx, { action: "dashboards.config_updated", orgId, targetType: "organization", targetId: orgId, metadata: { dashboards: update.dashboards.map((d) => d.id) } });
  return loadDashboards(tx, orgId);
}
