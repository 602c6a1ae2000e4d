"use client";

import { BUDGET_COLUMNS, STAFF_CHART_ROWS, STAFF_COLUMNS, WIP_JOB_COLUMNS, type PracticeData } from "@/lib/dashboard-views";
import { SeriesChart } from "./charts";
import { DataTable } from "./data-table";
import { useFormat } from "@/components/format-provider";
import { KpiCard } from "./kpi-card";

export function PracticeView({ data, currency }: { data: PracticeData; currency: string }) {
  const fmt = useFormat();
  // Tiles show the exact amount (two decimals); chart axes the compact one.
  const compact = (v: number) => fmt.money(v, currency, { compact: true });
  const money = (v: number) => fmt.money(v, currency);
  const formatNumber = (v: number, digits = 1) => fmt.number(v, digits);
  const hours = (v: number) => `${formatNumber(v, 0)} h`;
  if (data.kpis.billableHours === 0 && data.kpis.nonBillableHours === 0 && data.wipByJob.total === 0) {
    return <p className="rounded-md border border-dashed p-10 text-center text-muted-foreground">No time or work in progress in this range yet.</p>;
  }
  // Staff and operators see their own rows and the team's totals (practice-viewer-scope.ts).
  const own = data.staffScope === "own";
  // A large team: the chart holds the busiest members only, and says so in its title.
  const busiest = data.staff.total > STAFF_CHART_ROWS;
  return (
    <div className="grid gap-6">
      {own ? (
        <p className="rounded-md border bg-muted/40 px-4 py-3 text-sm" data-testid="practice-own-scope">
          {data.staff.total > 0
            ? "The figures at the top are the whole team's; the hours chart and the utilization table show your own work."
            : "The figures at the top are the whole team's. Your own hours show here once Xero Practice Manager has a staff member with your sign-in email."}
        </p>
      ) : null}
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <KpiCard label="Work in progress" value={money(data.kpis.wip)} hint={`Billable time and costs not yet invoiced, over ${formatNumber(data.wipByJob.total, 0)} jobs`} />
        <KpiCard label={own ? "Team billable hours" : "Billable hours"} value={hours(data.kpis.billableHours)} />
        <KpiCard label={own ? "Team non-billable hours" : "Non-billable hours"} value={hours(data.kpis.nonBillableHours)} />
        <KpiCard label={own ? "Team utilization" : "Utilization"} value={data.kpis.utilization === null ? "—" : `${formatNumber(data.kpis.utilization)}%`} hint="Billable hours over capacity" />
        <KpiCard label="Jobs over budget" value={formatNumber(data.kpis.jobsOverBudget, 0)} hint={`Of ${formatNumber(data.budgets.total, 0)} budgeted jobs active in the range`} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <SeriesChart
          kind="bars"
          title={own ? "Your billable and non-billable hours" : busiest ? `Billable and non-billable hours, the ${STAFF_CHART_ROWS} busiest staff members` : "Billable and non-billable hours by staff member"}
          description={own ? "Hours you recorded in the range" : busiest ? `The ${STAFF_CHART_ROWS} staff members with the most hours in the range; the table below lists everyone` : "Hours recorded in the range, per staff member"}
          data={data.staffChart}
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
      <DataTable
        table="utilization"
        page={data.staff}
        columns={STAFF_COLUMNS}
        initialSort={{ key: "utilization", desc: true }}
        empty={own ? "No staff member in Xero Practice Manager has your sign-in email yet." : undefined}
      />
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
