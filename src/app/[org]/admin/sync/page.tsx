import type { Metadata } from "next";

import { ComingWithCapability } from "@/components/coming-with-capability";
import { requireOrg } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Sync" };

export default async function SyncPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  await requireOrg(org, "sync.read");
  return <ComingWithCapability org={org} id="sync" />;
}
