import type { Metadata } from "next";

import { DashboardSettingsForm } from "@/components/dashboards/dashboard-settings-form";
import { PageHeader } from "@/components/page-header";
import { requireOrg } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Dashboard settings" };

export default async function DashboardSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org } = await requireOrg(slug, "dashboards.manage");
  return (
    <>
      <PageHeader title="Dashboards" description="Enable, order and choose who sees each dashboard" />
      <DashboardSettingsForm org={org.slug} />
    </>
  );
}
