"use client";

import { AGING_COLUMNS, TOP_DEBTOR_COLUMNS, type FinancialData } from "@/lib/dashboard-views";
import { SeriesChart } from "./charts";
import { DataTable } from "./data-table";
import { useFormat } from "@/components/format-provider";
import { KpiCard } from "./kpi-card";

export function FinancialView({ data, currency }: { data: FinancialData; currency: string }) {
  const fmt = useFormat();
  // Tiles show the exact amount (two decimals); chart axes the compact one.
  const compact = (v: number) => fmt.money(v, currency, { compact: true });
  const money = (v: number) => fmt.money(v, currency);
  const formatNumber = (v: number, digits = 1) => fmt.number(v, digits);
  const monthly = data.monthly.map((m) => ({ ...m, label: fmt.date(m.month, "month") }));
  const aging = [
    { bucket: "Current", amount: data.aging.totals.current },
    { bucket: "1–30", amount: data.aging.totals.days1to30 },
    { bucket: "31–60", amount: data.aging.totals.days31to60 },
    { bucket: "61–90", amount: data.aging.totals.days61to90 },
    { bucket: "90+", amount: data.aging.totals.days90plus },
  ];
  const hasActivity = data.monthly.some((m) => m.revenue !== 0 || m.expenses !== 0 || m.cashReceived !== 0) || data.aging.totals.total !== 0;
  if (!hasActivity) {
    return <p className="rounded-md border border-dashed p-10 text-center text-muted-foreground">No invoices or payments in this range yet. Try a longer range, or run a sync.</p>;
  }
  return (
    <div className="grid gap-6">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-6">
        <KpiCard label="Revenue" value={money(data.kpis.revenue)} hint="Approved sales invoices, ex tax" />
        <KpiCard label="Expenses" value={money(data.kpis.expenses)} hint="Approved bills, ex tax" />
        <KpiCard label="Cash received" value={money(data.kpis.cashReceived)} />
        <KpiCard label="Receivables" value={money(data.kpis.receivables)} hint={`Owed today by ${formatNumber(data.aging.byContact.total, 0)} contacts`} />
        <KpiCard label="Overdue" value={money(data.kpis.overdue)} />
        <KpiCard label="DSO" value={data.kpis.dso === null ? "—" : `${formatNumber(data.kpis.dso)} days`} hint="Days sales outstanding" />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <SeriesChart
          kind="bars"
          title="Revenue and expenses by month"
          description="Monthly revenue and expenses for the selected range"
          data={monthly}
          x="label"
          xLabel="Month"
          series={[{ key: "revenue", label: "Revenue" }, { key: "expenses", label: "Expenses" }]}
          formatValue={compact}
        />
        <SeriesChart kind="lines" title="Cash received by month" description="Payments received each month" data={monthly} x="label" xLabel="Month" series={[{ key: "cashReceived", label: "Cash received" }]} formatValue={compact} />
        <SeriesChart kind="bars" title="Receivables aging" description="What is owed today by days past due" data={aging} x="bucket" xLabel="Days past due" series={[{ key: "amount", label: "Owed" }]} formatValue={compact} />
        <DataTable
          table="top-debtors"
          page={{ rows: data.topDebtors, total: data.topDebtors.length }}
          columns={TOP_DEBTOR_COLUMNS}
          initialSort={{ key: "total", desc: true }}
          empty="Nobody owes anything today."
        />
      </div>
      <DataTable table="receivables-aging" page={data.aging.byContact} columns={AGING_COLUMNS} initialSort={{ key: "total", desc: true }} empty="Nobody owes anything today." />
    </div>
  );
}
