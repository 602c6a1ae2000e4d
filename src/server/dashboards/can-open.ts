import type { Permission, Role } from "@/lib/permissions";
import { VIEW_PERMISSION, type Dashboard } from "./dashboard-types";
import { metabaseConfigured } from "./metabase-configured";

/**
 * Whether a role may open a dashboard: it is enabled, lists the role, is available here (Metabase
 * only when configured) and the role holds the permission its data needs.
 */
export function canOpen(dashboard: Dashboard, role: Role, permissions: readonly Permission[]): boolean {
  if (!dashboard.enabled || !dashboard.allowedRoles.includes(role)) return false;
  if (dashboard.kind === "metabase") return metabaseConfigured();
  return dashboard.nativeView !== null && permissions.includes(VIEW_PERMISSION[dashboard.nativeView]);
}
