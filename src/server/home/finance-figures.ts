import type { Tx } from "@/server/db";
import { financialData } from "@/server/dashboards/financial-data";
import type { DateRange } from "@/server/dashboards/date-range";
import type { HomeFigure, HomeView } from "@/lib/home-views";
import { changeBetween } from "./change-between";

/**
 * Revenue and cash received over the period against the previous one, and what is owed today, from
 * the Financial overview's own loader (so the home page and the dashboard never disagree).
 */
export async function financeFigures(tx: Tx, orgId: string, period: HomeView["period"], today: string, dashboardId: string | null): Promise<HomeFigure[]> {
  const range = (from: string, to: string): DateRange => ({ from, to, today });
  const current = await financialData(tx, orgId, range(period.from, period.to), {});
  const previous = await financialData(tx, orgId, range(period.previousFrom, period.previousTo), {});
  const end = new Date(`${today}T00:00:00Z`);
  const yearAgo = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1)).toISOString().slice(0, 10);
  const year = await financialData(tx, orgId, range(yearAgo, today), {});
  return [
    {
      key: "revenue",
      label: "Revenue",
      unit: "money",
      value: current.kpis.revenue,
      previous: previous.kpis.revenue,
      change: changeBetween(current.kpis.revenue, previous.kpis.revenue),
      higherIsBetter: true,
      trend: year.monthly.map((m) => ({ month: m.month, value: m.revenue })),
      dashboardId,
      note: "Approved sales invoices, excluding tax",
      secondary: null,
    },
    {
      key: "cashReceived",
      label: "Cash received",
      unit: "money",
      value: current.kpis.cashReceived,
      previous: previous.kpis.cashReceived,
      change: changeBetween(current.kpis.cashReceived, previous.kpis.cashReceived),
      higherIsBetter: true,
      trend: year.monthly.map((m) => ({ month: m.month, value: m.cashReceived })),
      dashboardId,
      note: "Payments received from customers",
      secondary: null,
    },
    {
      key: "receivables",
      label: "Owed to you",
      unit: "money",
      value: current.kpis.receivables,
      previous: null,
      change: null,
      higherIsBetter: false,
      trend: [],
      dashboardId,
      note: "Unpaid sales invoices today",
      secondary: { label: "Overdue", value: current.kpis.overdue },
    },
  ];
}
