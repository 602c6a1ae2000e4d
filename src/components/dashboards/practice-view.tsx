"use client";

import { BUDGET_COLUMNS, STAFF_COLUMNS, WIP_JOB_COLUMNS, type PracticeData } from "@/lib/dashboard-views";
import { SeriesChart } from "./charts";
import { DataTable } from "./data-table";
import { formatMoney, formatNumber } from "./format";
import { KpiCard } from "./kpi-card";

export function PracticeView({ data, currency }: { data: PracticeData; currency: string }) {
  const compact = (v: number) => formatMoney(v, currency, true);
  const hours = (v: number) => `${formatNumber(v, 0)} h`;
  if (data.staff.every((s) => s.billableHours === 0 && s.nonBillableHours === 0) && data.wipByJob.total === 0) {
    return <p className="rounded-md border border-dashed p-10 text-center text-muted-foreground">No time or work in progress in this range yet.</p>;
  }
  return (
    <div className="grid gap-6">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <KpiCard label="Work in progress" value={compact(data.kpis.wip)} hint={`Billable time and costs not yet invoiced, over ${formatNumber(data.wipByJob.total, 0)} jobs`} />
        <KpiCard label="Billable hours" value={hours(data.kpis.billableHours)} />
        <KpiCard label="Non-billable hours" value={hours(data.kpis.nonBillableHours)} />
        <KpiCard label="Utilization" value={data.kpis.utilization === null ? "—" : `${formatNumber(data.kpis.utilization)}%`} hint="Billable hours over capacity" />
        <KpiCard label="Jobs over budget" value={formatNumber(data.kpis.jobsOverBudget, 0)} hint={`Of ${formatNumber(data.budgets.total, 0)} budgeted jobs active in the range`} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <SeriesChart
          kind="bars"
          title="Billable and non-billable hours by staff member"
          description="Hours recorded in the range, per staff member"
          data={data.staff}
          x="name"
          xLabel="Staff member"
          stacked
          series={[{ key: "billableHours", label: "Billable" }, { key: "nonBillableHours", label: "Non-billable" }]}
          formatValue={hours}
        />
        <SeriesChart
          kind="bars"
          title="Work in progress by client"
          description="The ten clients with the most unbilled work"
          data={data.wipByClient.slice(0, 10)}
          x="client"
          xLabel="Client"
          stacked
          series={[{ key: "time", label: "Time" }, { key: "costs", label: "Costs" }]}
          formatValue={compact}
        />
      </div>
      <DataTable table="utilization" page={{ rows: data.staff, total: data.staff.length }} columns={STAFF_COLUMNS} initialSort={{ key: "utilization", desc: true }} />
      <DataTable table="wip-by-job" page={data.wipByJob} columns={WIP_JOB_COLUMNS} initialSort={{ key: "total", desc: true }} empty="No unbilled work." />
      <DataTable
        table="job-budgets"
        page={data.budgets}
        columns={BUDGET_COLUMNS}
        initialSort={{ key: "variance", desc: true }}
        empty="No budgeted jobs were active in this range."
      />
    </div>
  );
}
