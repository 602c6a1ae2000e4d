"use client";

import type { PracticeData } from "@/server/dashboards/practice-data";
import { BarsChart } from "./charts";
import { DataTable } from "./data-table";
import { formatMoney, formatNumber } from "./format";
import { KpiCard } from "./kpi-card";

export function PracticeView({ data, currency }: { data: PracticeData; currency: string }) {
  const money = (v: number) => formatMoney(v, currency);
  const compact = (v: number) => formatMoney(v, currency, true);
  const hours = (v: number) => `${formatNumber(v, 0)} h`;
  if (data.staff.every((s) => s.billableHours === 0 && s.nonBillableHours === 0) && data.wipByJob.length === 0) {
    return <p className="rounded-md border border-dashed p-10 text-center text-muted-foreground">No time or work in progress in this range yet.</p>;
  }
  return (
    <div className="grid gap-6">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <KpiCard label="Work in progress" value={compact(data.kpis.wip)} hint="Billable time and costs not yet invoiced" />
        <KpiCard label="Billable hours" value={hours(data.kpis.billableHours)} />
        <KpiCard label="Non-billable hours" value={hours(data.kpis.nonBillableHours)} />
        <KpiCard label="Utilization" value={data.kpis.utilization === null ? "—" : `${formatNumber(data.kpis.utilization)}%`} hint="Billable hours over capacity" />
        <KpiCard label="Jobs over budget" value={String(data.kpis.jobsOverBudget)} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <BarsChart
          title="Billable and non-billable hours by staff member"
          description="Hours recorded in the range, per staff member"
          data={data.staff}
          x="name"
          stacked
          series={[{ key: "billableHours", label: "Billable" }, { key: "nonBillableHours", label: "Non-billable" }]}
          formatValue={hours}
        />
        <BarsChart
          title="Work in progress by client"
          description="The ten clients with the most unbilled work"
          data={data.wipByClient.slice(0, 10)}
          x="client"
          stacked
          series={[{ key: "time", label: "Time" }, { key: "costs", label: "Costs" }]}
          formatValue={compact}
        />
      </div>
      <DataTable
        title="Utilization by staff member"
        fileName="utilization"
        rows={data.staff}
        columns={[
          { key: "name", label: "Staff member" },
          { key: "billableHours", label: "Billable h", numeric: true, format: (v) => formatNumber(v as number) },
          { key: "nonBillableHours", label: "Non-billable h", numeric: true, format: (v) => formatNumber(v as number) },
          { key: "capacityHours", label: "Capacity h", numeric: true, format: (v) => formatNumber(v as number) },
          { key: "utilization", label: "Utilization %", numeric: true, format: (v) => (v === null ? "—" : formatNumber(v as number)) },
        ]}
        initialSort={{ key: "utilization", desc: true }}
      />
      <DataTable
        title="Work in progress by job"
        fileName="wip-by-job"
        rows={data.wipByJob}
        columns={[
          { key: "jobNumber", label: "Job" },
          { key: "job", label: "Name" },
          { key: "client", label: "Client" },
          { key: "time", label: "Time", numeric: true, format: (v) => money(v as number) },
          { key: "costs", label: "Costs", numeric: true, format: (v) => money(v as number) },
          { key: "total", label: "WIP", numeric: true, format: (v) => money(v as number) },
        ]}
        initialSort={{ key: "total", desc: true }}
        empty="No unbilled work."
      />
      <DataTable
        title="Job budget vs actual"
        fileName="job-budgets"
        rows={data.budgets}
        columns={[
          { key: "jobNumber", label: "Job" },
          { key: "job", label: "Name" },
          { key: "client", label: "Client" },
          { key: "budget", label: "Budget", numeric: true, format: (v) => money(v as number) },
          { key: "actual", label: "Actual", numeric: true, format: (v) => money(v as number) },
          { key: "variance", label: "Over (+) / under (−)", numeric: true, format: (v) => money(v as number) },
        ]}
        initialSort={{ key: "variance", desc: true }}
        empty="No budgeted jobs were active in this range."
      />
    </div>
  );
}
