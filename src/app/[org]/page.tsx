import type { Metadata } from "next";

import { HomeOverview } from "@/components/home/home-overview";
import { StartPage } from "@/components/onboarding/start-page";
import { PageHeader } from "@/components/page-header";
import { requireOrg } from "@/server/auth/current-user";
import { getHome } from "@/server/home/get-home";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { viewer, org } = await requireOrg(slug);
  const firstName = viewer.user.fullName.trim().split(/\s+/)[0] || viewer.user.email;
  const home = await viewer.db((tx) => getHome(tx, org));

  return (
    <>
      <PageHeader title={`Welcome, ${firstName}`} description={`${org.name} · ${org.currency} · ${org.timezone.replace(/_/g, " ")}`} />
      <div className="grid gap-6">
        {/* A new organization: its start page comes first, until a sync or an import brings data. */}
        {home.hasData ? null : <StartPage org={{ slug: org.slug, name: org.name }} permissions={org.permissions} />}
        <HomeOverview home={home} slug={org.slug} />
      </div>
    </>
  );
}
