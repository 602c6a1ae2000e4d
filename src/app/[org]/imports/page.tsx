import type { Metadata } from "next";

import { ImportsWorkspace } from "@/components/imports/imports-workspace";
import { PageHeader } from "@/components/page-header";
import { requireOrg } from "@/server/auth/current-user";
import { importParams } from "@/lib/import-schemas";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org: slug } = await params;
  const { org } = await requireOrg(slug, "imports.run");
  const requested = (await searchParams).import;
  const importId = typeof requested === "string" && importParams.safeParse({ id: requested }).success ? requested : null;
  return (
    <>
      <PageHeader title="Imports" description="Bring purchase orders and quantity surveys in from Excel." />
      <ImportsWorkspace org={org.slug} initialImportId={importId} canReadProcurement={org.permissions.includes("procurement.read")} />
    </>
  );
}
