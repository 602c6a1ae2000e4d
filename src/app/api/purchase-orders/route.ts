import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { exportPurchaseOrdersCsv } from "@/server/procurement/export-purchase-orders-csv";
import { listPurchaseOrders } from "@/server/procurement/list-purchase-orders";
import { listPurchaseOrdersQuery } from "@/lib/procurement-schemas";

/** The organization's purchase orders: a page as JSON, or with `format=csv` every matching PO as a file. */
export const GET = route({ auth: "user", permission: "procurement.read", query: listPurchaseOrdersQuery }, async ({ db, org, query }) => {
  const { format, ...rest } = query;
  if (format === "json") return db((tx) => listPurchaseOrders(tx, org.id, rest));
  const { csv, truncated } = await db((tx) => exportPurchaseOrdersCsv(tx, org.id, rest));
  const name = `purchase-orders-${org.slug}-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      ...(truncated ? { "X-Export-Truncated": "true" } : {}),
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
