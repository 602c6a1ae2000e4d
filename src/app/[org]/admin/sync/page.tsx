import type { Metadata } from "next";

import { PageHeader } from "@/components/page-header";
import { SyncPanel } from "@/components/sync/sync-panel";
import { requireOrg } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Sync" };

export default async function SyncPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org } = await requireOrg(slug, "sync.read");
  return (
    <>
      <PageHeader
        title="Sync"
        description={`Data from Xero and Xero Practice Manager into ${org.name}: each connection's state and health, syncs by hand, and the history of every sync.`}
      />
      <SyncPanel
        org={org.slug}
        canRun={org.permissions.includes("sync.run")}
        canManageIntegrations={org.permissions.includes("integrations.manage")}
      />
    </>
  );
}
