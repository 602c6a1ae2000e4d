import type { Metadata } from "next";

import { ComingWithCapability } from "@/components/coming-with-capability";
import { requireOrg } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  await requireOrg(org, "members.read");
  return <ComingWithCapability org={org} id="users" />;
}
