import type { Metadata } from "next";

import { ComingWithCapability } from "@/components/coming-with-capability";
import { requireOrg } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  await requireOrg(org, "alerts.read");
  return <ComingWithCapability org={org} id="alerts" />;
}
