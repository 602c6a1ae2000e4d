import type { Tx } from "@/server/db";
import { financialKpis } from "@/server/dashboards/financial-kpis";
import type { HomeFigure, HomeView } from "@/lib/home-views";
import { changeBetween } from "./change-between";

/**
 * Revenue and cash received over the period against the previous one, and what is owed today, from
 * the Financial overview's KPI loader (its definitions and rollups, so the home page and the
 * dashboard never disagree), in one statement: no tables or aging pages the home page would drop.
 */
export async function financeFigures(tx: Tx, orgId: string, period: HomeView["period"], today: string, dashboardId: string | null): Promise<HomeFigure[]> {
  const end = new Date(`${today}T00:00:00Z`);
  const yearAgo = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1)).toISOString().slice(0, 10);
  const kpis = await financialKpis(tx, orgId, {
    current: { from: period.from, to: period.to },
    previous: { from: period.previousFrom, to: period.previousTo },
    trend: { from: yearAgo, to: today },
    today,
  });
  const { current, previous } = kpis;
  return [
    {
      key: "revenue",
      label: "Revenue",
      unit: "money",
      value: current.revenue,
      previous: previous.revenue,
      change: changeBetween(current.revenue, previous.revenue),
      higherIsBetter: true,
      trend: kpis.trend.map((m) => ({ month: m.month, value: m.revenue })),
      dashboardId,
      note: "Approved sales invoices, excluding tax",
      secondary: null,
    },
    {
      key: "cashReceived",
      label: "Cash received",
      unit: "money",
      value: current.cashReceived,
      previous: previous.cashReceived,
      change: changeBetween(current.cashReceived, previous.cashReceived),
      higherIsBetter: true,
      trend: kpis.trend.map((m) => ({ month: m.month, value: m.cashReceived })),
      dashboardId,
      note: "Payments received from customers",
      secondary: null,
    },
    {
      key: "receivables",
      label: "Owed to you",
      unit: "money",
      value: kpis.receivables,
      previous: null,
      change: null,
      higherIsBetter: false,
      trend: [],
      dashboardId,
      note: "Unpaid sales invoices today",
      secondary: { label: "Overdue", value: kpis.overdue },
    },
  ];
}
