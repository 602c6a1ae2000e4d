import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { exportDashboardTable } from "@/server/dashboards/export-dashboard-table";
import { dashboardExportQuery, dashboardIdParams } from "@/lib/dashboard-schemas";

/** One table of a native dashboard, every row, as a CSV download (`?table=…` plus the data's range and filters). */
export const GET = route(
  { auth: "user", permission: "dashboards.view", params: dashboardIdParams, query: dashboardExportQuery },
  async ({ db, org, params, query }) => {
    const { fileName, csv, rows } = await db((tx) => exportDashboardTable(tx, org, params.id, query));
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "X-Row-Count": String(rows),
      },
    });
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
