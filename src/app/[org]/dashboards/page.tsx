import { ChartColumn } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { DemoDataNotice } from "@/components/dashboards/demo-data-notice";
import { PageHeader } from "@/components/page-header";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireOrg } from "@/server/auth/current-user";
import { listVisibleDashboards } from "@/server/dashboards/list-visible-dashboards";
import { demoDataPreparing } from "@/server/demo/demo-data-preparing";

export const metadata: Metadata = { title: "Dashboards" };

export default async function DashboardsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { viewer, org } = await requireOrg(slug, "dashboards.view");
  const { dashboards, preparing } = await viewer.db(async (tx) => ({
    dashboards: await listVisibleDashboards(tx, org),
    preparing: await demoDataPreparing(tx, org.id),
  }));
  return (
    <>
      <PageHeader title="Dashboards" description={`What ${org.name} looks like, in ${org.currency}`} />
      {preparing ? <DemoDataNotice /> : null}
      {dashboards.length === 0 ? (
        <Card className="items-center border-dashed py-12 text-center">
          <CardHeader className="max-w-lg justify-items-center">
            <CardTitle asChild>
              <h2>No dashboards for your role</h2>
            </CardTitle>
            <CardDescription>An administrator chooses which roles see each dashboard in Settings › Dashboards.</CardDescription>
          </CardHeader>
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {dashboards.map((d) => (
            <li key={d.id}>
              <Link
                href={`/${org.slug}/dashboards/${d.id}`}
                className="flex h-full items-start gap-3 rounded-xl border bg-card p-4 shadow-sm transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden"
              >
                <ChartColumn aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
                <span className="grid gap-1">
                  <span className="font-medium">{d.title}</span>
                  <span className="text-sm text-muted-foreground">{d.description}</span>
                  {d.kind === "metabase" ? <span className="text-xs text-muted-foreground">Metabase</span> : null}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
