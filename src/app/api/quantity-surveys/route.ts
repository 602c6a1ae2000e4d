import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { listQuantitySurveys } from "@/server/procurement/list-quantity-surveys";
import { listQuantitySurveysQuery } from "@/lib/procurement-schemas";

/** The organization's quantity surveys, newest valuation first, optionally of one PO (`poNumber`). */
export const GET = route({ auth: "user", permission: "procurement.read", query: listQuantitySurveysQuery }, async ({ db, org, query }) =>
  db((tx) => listQuantitySurveys(tx, org.id, query)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
