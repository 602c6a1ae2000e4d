import type { Metadata } from "next";

import { ComingWithCapability } from "@/components/coming-with-capability";
import { requireOrg } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  await requireOrg(org, "audit.read");
  return <ComingWithCapability org={org} id="audit" />;
}
