import type { Tx } from "@/server/db";
import type { OrgContext } from "@/server/orgs/resolve-org";
import type { DashboardDataQuery } from "@/lib/dashboard-schemas";
import type { DashboardDataResponse } from "@/lib/dashboard-views";
import { financialData } from "./financial-data";
import { practiceData } from "./practice-data";
import { practiceViewerScope } from "./practice-viewer-scope";
import { resolveNativeView } from "./resolve-native-view";

/** The data of a native dashboard for a date range, as the caller (RLS applies). */
export async function dashboardData(tx: Tx, org: OrgContext, id: string, query: DashboardDataQuery): Promise<DashboardDataResponse> {
  const { dashboard, view, range, filters } = await resolveNativeView(tx, org, id, query);
  const meta = { dashboard: { id: dashboard.id, key: dashboard.key, title: dashboard.title }, range: { from: range.from, to: range.to }, asOf: range.today, currency: org.currency, timezone: org.timezone };
  if (view === "financial") return { ...meta, ...(await financialData(tx, org.id, range, { contact: filters.contact })) };
  if (view === "practice") {
    const scope = await practiceViewerScope(tx, org, filters.staff);
    return { ...meta, ...(await practiceData(tx, org.id, range, { client: filters.client, staff: filters.staff }, scope)) };
  }
  return { ...meta, view: "procurement" as const, empty: true, message: "Procurement figures arrive with purchase-order imports." };
}
