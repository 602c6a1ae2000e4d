import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { AlertDetail } from "@/components/alerts/alert-detail";
import { requireOrg } from "@/server/auth/current-user";
import { alertParams } from "@/lib/alert-schemas";

export const metadata: Metadata = { title: "Alert" };

export default async function AlertPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const { org } = await requireOrg(slug, "alerts.read");
  if (!alertParams.safeParse({ id }).success) notFound();
  return <AlertDetail org={org.slug} id={id} canAcknowledge={org.permissions.includes("alerts.acknowledge")} />;
}
