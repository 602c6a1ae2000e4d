import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { Suspense } from "react";

import { AskAboutLink } from "@/components/assistant/ask-about-link";
import { DemoDataNotice } from "@/components/dashboards/demo-data-notice";
import { MetabaseEmbed } from "@/components/dashboards/metabase-embed";
import { DashboardSkeleton, NativeDashboard } from "@/components/dashboards/native-dashboard";
import { PageHeader } from "@/components/page-header";
import { requireOrg } from "@/server/auth/current-user";
import { isoDateIn } from "@/server/dashboards/date-range";
import { getDashboardFor } from "@/server/dashboards/get-dashboard-for";
import { listVisibleDashboards } from "@/server/dashboards/list-visible-dashboards";
import { recordDashboardView } from "@/server/dashboards/record-dashboard-view";
import { demoDataPreparing } from "@/server/demo/demo-data-preparing";
import { AppError } from "@/server/http/app-error";
import { cn } from "@/lib/utils";

export const metadata: Metadata = { title: "Dashboard" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function DashboardPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const { viewer, org } = await requireOrg(slug, "dashboards.view");
  if (!UUID.test(id)) notFound();
  const loaded = await viewer
    .db(async (tx) => {
      const dashboard = await getDashboardFor(tx, org, id);
      // Every view is recorded; Metabase views are recorded when their embed is issued.
      if (dashboard.kind === "native") await recordDashboardView(tx, org.id, dashboard.id);
      return { dashboard, all: await listVisibleDashboards(tx, org), preparing: await demoDataPreparing(tx, org.id) };
    })
    .catch((error: unknown) => {
      if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
      if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
      throw error;
    });
  const { dashboard, all, preparing } = loaded;
  return (
    <>
      <PageHeader title={dashboard.title} description={dashboard.description} actions={<AskAboutLink org={org.slug} view={dashboard.nativeView} />} />
      <nav aria-label="Dashboards" className="mb-6 flex flex-wrap gap-2">
        {all.map((d) => (
          <Link
            key={d.id}
            href={`/${org.slug}/dashboards/${d.id}`}
            aria-current={d.id === dashboard.id ? "page" : undefined}
            className={cn(
              "rounded-md border px-3 py-1.5 text-sm transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden",
              d.id === dashboard.id && "bg-accent font-medium",
            )}
          >
            {d.title}
          </Link>
        ))}
      </nav>
      {preparing ? <DemoDataNotice /> : null}
      {dashboard.kind === "metabase" ? (
        <MetabaseEmbed org={org.slug} dashboardId={dashboard.id} title={dashboard.title} />
      ) : (
        <Suspense fallback={<DashboardSkeleton />}>
          <NativeDashboard org={org.slug} dashboardId={dashboard.id} today={isoDateIn(org.timezone)} />
        </Suspense>
      )}
    </>
  );
}
