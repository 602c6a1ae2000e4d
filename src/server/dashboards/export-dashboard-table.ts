import type { Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import type { OrgContext } from "@/server/orgs/resolve-org";
import type { DashboardExportQuery } from "@/lib/dashboard-schemas";
import { DASHBOARD_TABLES } from "@/lib/dashboard-views";
import { toCsv } from "@/lib/to-csv";
import { dashboardTableRows } from "./dashboard-table-rows";
import { practiceViewerScope } from "./practice-viewer-scope";
import { resolveNativeView } from "./resolve-native-view";

/**
 * One table of a native dashboard in full, as CSV with the table's own columns: every row, however
 * many the page shows. Money columns name the organization's currency in their header.
 */
export async function exportDashboardTable(tx: Tx, org: OrgContext, id: string, query: DashboardExportQuery): Promise<{ fileName: string; csv: string; rows: number }> {
  const { table, org: _org, ...dataQuery } = query;
  const { view, range, filters } = await resolveNativeView(tx, org, id, dataQuery);
  const spec = DASHBOARD_TABLES[table];
  if (spec.view !== view) throw notFound("Table");
  const scope = view === "practice" ? await practiceViewerScope(tx, org, filters.staff) : null;
  // The per-person table as the dashboard shows it to the caller: their own row unless they see everyone's.
  const only = scope?.kind === "own" ? scope.staffIds : null;
  const rows = (await dashboardTableRows(tx, org.id, table, range, filters, only)) as Record<string, string | number | null>[];
  const header = spec.columns.map((c) => (c.kind === "money" ? `${c.label} (${org.currency})` : c.label));
  const csv = toCsv(header, rows.map((row) => spec.columns.map((c) => row[c.key] ?? null)));
  return { fileName: `${table}-${range.from}-to-${range.to}.csv`, csv: `${csv}\r\n`, rows: rows.length };
}
