import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { getPurchaseOrder } from "@/server/procurement/get-purchase-order";
import { purchaseOrderParams } from "@/lib/procurement-schemas";

/** One purchase order with its quantity surveys, spend over time and the imports that wrote it. */
export const GET = route({ auth: "user", permission: "procurement.read", params: purchaseOrderParams }, async ({ db, org, params }) =>
  db((tx) => getPurchaseOrder(tx, org.id, params.id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
