import type { Permission, Role } from "@/lib/permissions";

export type NativeView = "financial" | "practice" | "procurement";

export interface Dashboard {
  id: string;
  orgId: string;
  key: string;
  title: string;
  description: string;
  kind: "native" | "metabase";
  nativeView: NativeView | null;
  metabaseDashboardId: number | null;
  enabled: boolean;
  position: number;
  allowedRoles: Role[];
  updatedAt: string;
}

/**
 * The data permission each native view reads with: a role allowed on a dashboard still sees only
 * what RLS on the data tables lets it read, so access needs both.
 */
export const VIEW_PERMISSION: Record<NativeView, Permission> = {
  financial: "finance.read",
  practice: "dashboards.view",
  procurement: "procurement.read",
};
