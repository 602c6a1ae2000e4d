import type { FinancialData } from "@/server/dashboards/financial-data";
import type { PracticeData } from "@/server/dashboards/practice-data";

/** What GET /api/dashboards/{id}/data answers (types only: nothing of the server reaches the browser). */
interface Meta {
  dashboard: { id: string; key: string; title: string };
  range: { from: string; to: string };
  asOf: string;
  currency: string;
  timezone: string;
}

export type DashboardDataResponse =
  | (Meta & FinancialData)
  | (Meta & PracticeData)
  | (Meta & { view: "procurement"; empty: true; message: string });
