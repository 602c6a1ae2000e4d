import { sql } from "@/server/db";

/** The columns of `public.dashboards d` as a `Dashboard`: what every dashboard read selects. */
export const DASHBOARD_COLUMNS = sql`
  d.id, d.org_id as "orgId", d.key, d.title, d.description, d.kind, d.native_view as "nativeView",
  d.metabase_dashboard_id as "metabaseDashboardId", d.enabled, d.position, d.allowed_roles as "allowedRoles",
  d.updated_at as "updatedAt"`;
