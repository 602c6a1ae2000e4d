import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";

import { PoAlerts } from "@/components/alerts/po-alerts";
import { PageHeader } from "@/components/page-header";
import { PurchaseOrderDetail } from "@/components/procurement/purchase-order-detail";
import { Button } from "@/components/ui/button";
import { requireOrg } from "@/server/auth/current-user";
import { AppError } from "@/server/http/app-error";
import { getPurchaseOrder } from "@/server/procurement/get-purchase-order";
import { purchaseOrderParams } from "@/lib/procurement-schemas";

type Params = Promise<{ org: string; id: string }>;

/**
 * The PO, once per request (metadata and page share it). Unknown ids and other organizations' POs
 * are the not-found page, like the API's 404.
 */
const loadPurchaseOrder = cache(async (slug: string, id: string) => {
  const { viewer, org } = await requireOrg(slug, "procurement.read");
  if (!purchaseOrderParams.safeParse({ id }).success) notFound();
  const po = await viewer.db((tx) => getPurchaseOrder(tx, org.id, id)).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return { org, po };
});

/** The PO's number as the page title; a missing PO is the not-found page (404). */
export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { org: slug, id } = await params;
  const { po } = await loadPurchaseOrder(slug, id);
  return { title: `${po.poNumber} · Purchase orders` };
}

export default async function PurchaseOrderPage({ params }: { params: Params }) {
  const { org: slug, id } = await params;
  const { org, po } = await loadPurchaseOrder(slug, id);
  return (
    <>
      <PageHeader
        title={po.poNumber}
        description={po.description ? `${po.supplier} · ${po.description}` : po.supplier}
        actions={
          <Button variant="outline" size="sm" asChild>
            <Link href={`/${org.slug}/purchase-orders`}><ArrowLeft aria-hidden="true" />All purchase orders</Link>
          </Button>
        }
      />
      <div className="grid gap-6">
        <PurchaseOrderDetail org={org.slug} initial={po} canImport={org.permissions.includes("imports.run")} />
        {org.permissions.includes("alerts.read") ? (
          <PoAlerts org={org.slug} poId={po.id} canAcknowledge={org.permissions.includes("alerts.acknowledge")} />
        ) : null}
      </div>
    </>
  );
}
