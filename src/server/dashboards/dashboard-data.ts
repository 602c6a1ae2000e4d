import type { Tx } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import type { OrgContext } from "@/server/orgs/resolve-org";
import type { DashboardDataQuery } from "@/lib/dashboard-schemas";
import { resolveDateRange } from "./date-range";
import { financialData } from "./financial-data";
import { getDashboardFor } from "./load-dashboards";
import { practiceData } from "./practice-data";

/** Which filters each native view understands; any other is refused, never ignored. */
const FILTERS = { financial: ["contact"], practice: ["client", "staff"], procurement: [] } as const;

/** The data of a native dashboard for a date range, as the caller (RLS applies). */
export async function dashboardData(tx: Tx, org: OrgContext, id: string, query: DashboardDataQuery) {
  const dashboard = await getDashboardFor(tx, org, id);
  if (dashboard.kind !== "native" || !dashboard.nativeView) {
    throw new AppError("BAD_REQUEST", "This is a Metabase dashboard: request an embed URL instead");
  }
  const view = dashboard.nativeView;
  const allowed: readonly string[] = FILTERS[view];
  const unknown = (["contact", "client", "staff"] as const).filter((f) => query[f] !== undefined && !allowed.includes(f));
  if (unknown.length > 0) {
    throw new AppError("VALIDATION_FAILED", "Some fields are invalid", Object.fromEntries(unknown.map((f) => [f, [`not a filter of this dashboard`]])));
  }
  const range = resolveDateRange(query, org.timezone);
  const meta = { dashboard: { id: dashboard.id, key: dashboard.key, title: dashboard.title }, range: { from: range.from, to: range.to }, asOf: range.today, currency: org.currency, timezone: org.timezone };
  if (view === "financial") return { ...meta, ...(await financialData(tx, org.id, range, { contact: query.contact })) };
  if (view === "practice") return { ...meta, ...(await practiceData(tx, org.id, range, { client: query.client, staff: query.staff })) };
  return { ...meta, view: "procurement" as const, empty: true, message: "Procurement figures arrive with purchase-order imports." };
}
