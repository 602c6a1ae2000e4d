import type { Metadata } from "next";

import { ComingWithCapability } from "@/components/coming-with-capability";
import { requireOrg } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  await requireOrg(org, "imports.run");
  return <ComingWithCapability org={org} id="imports" />;
}
