import type { Tx } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import type { OrgContext } from "@/server/orgs/resolve-org";
import type { DashboardDataQuery } from "@/lib/dashboard-schemas";
import type { Dashboard, NativeView } from "./dashboard-types";
import { getDashboardFor } from "./get-dashboard-for";
import { resolveDateRange, type DateRange } from "./date-range";

/** Which filters each native view understands; any other is refused, never ignored. */
export const NATIVE_VIEW_FILTERS = { financial: ["contact"], practice: ["client", "staff"], procurement: [] } as const;

export interface NativeViewRequest {
  dashboard: Dashboard;
  view: NativeView;
  range: DateRange;
  filters: { contact?: string; client?: string; staff?: string };
}

/**
 * A native dashboard the caller may open, with the range and filters asked of it checked: what the
 * data and the CSV export of its tables both start from.
 */
export async function resolveNativeView(tx: Tx, org: OrgContext, id: string, query: DashboardDataQuery): Promise<NativeViewRequest> {
  const dashboard = await getDashboardFor(tx, org, id);
  if (dashboard.kind !== "native" || !dashboard.nativeView) {
    throw new AppError("BAD_REQUEST", "This is a Metabase dashboard: request an embed URL instead");
  }
  const view = dashboard.nativeView;
  const allowed: readonly string[] = NATIVE_VIEW_FILTERS[view];
  const unknown = (["contact", "client", "staff"] as const).filter((f) => query[f] !== undefined && !allowed.includes(f));
  if (unknown.length > 0) {
    throw new AppError("VALIDATION_FAILED", "Some fields are invalid", Object.fromEntries(unknown.map((f) => [f, [`not a filter of this dashboard`]])));
  }
  const filters = { contact: query.contact, client: query.client, staff: query.staff };
  return { dashboard, view, range: resolveDateRange(query, org.timezone), filters };
}
