import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { PageHeader } from "@/components/page-header";
import { PurchaseOrderDetail } from "@/components/procurement/purchase-order-detail";
import { Button } from "@/components/ui/button";
import { requireOrg } from "@/server/auth/current-user";
import { AppError } from "@/server/http/app-error";
import { getPurchaseOrder } from "@/server/procurement/get-purchase-order";
import { purchaseOrderParams } from "@/lib/procurement-schemas";

export const metadata: Metadata = { title: "Purchase order" };

/** Loaded on the server so an unknown id, or another organization's, answers 404 like the API. */
export default async function PurchaseOrderPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const { viewer, org } = await requireOrg(slug, "procurement.read");
  if (!purchaseOrderParams.safeParse({ id }).success) notFound();
  const po = await viewer.db((tx) => getPurchaseOrder(tx, org.id, id)).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
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
      <PurchaseOrderDetail org={org.slug} initial={po} canImport={org.permissions.includes("imports.run")} />
    </>
  );
}
