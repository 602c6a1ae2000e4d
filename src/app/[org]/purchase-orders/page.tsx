import type { Metadata } from "next";

import { PageHeader } from "@/components/page-header";
import { PurchaseOrderList } from "@/components/procurement/purchase-order-list";
import { DEFAULT_PO_FILTERS } from "@/components/procurement/procurement-queries";
import { requireOrg } from "@/server/auth/current-user";
import { purchaseOrderFilters } from "@/lib/procurement-schemas";

export const metadata: Metadata = { title: "Purchase orders" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PurchaseOrdersPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: SearchParams }) {
  const { org: slug } = await params;
  const { org } = await requireOrg(slug, "procurement.read");
  const raw = await searchParams;
  const one = (key: string) => (typeof raw[key] === "string" ? raw[key] : undefined);
  // A hand-edited URL with a bad value falls back to the defaults instead of an error page.
  const parsed = purchaseOrderFilters.safeParse({ q: one("q"), status: one("status"), sort: one("sort"), dir: one("dir") });
  const filters = parsed.success ? parsed.data : purchaseOrderFilters.parse({});
  const page = Math.max(1, Math.min(10_000, Number.parseInt(one("page") ?? "1", 10) || 1));
  return (
    <>
      <PageHeader
        title="Purchase orders"
        description={`Budgets committed with suppliers and how much of each the quantity surveys have used, against ${org.name}'s thresholds.`}
      />
      <PurchaseOrderList
        org={org.slug}
        canImport={org.permissions.includes("imports.run")}
        initialFilters={{ ...DEFAULT_PO_FILTERS, q: filters.q ?? "", status: filters.status ?? "", sort: filters.sort, dir: filters.dir, page }}
      />
    </>
  );
}
