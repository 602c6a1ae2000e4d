import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { adoptIntegrationCurrency } from "@/server/integrations/adopt-integration-currency";
import { integrationIdParams } from "@/lib/integration-schemas";

/** Keeps a connection held back for its currency, and makes its currency the organization's. */
export const POST = route({ auth: "user", permission: "org.manage", params: integrationIdParams }, ({ db, org, params }) =>
  db((tx) => adoptIntegrationCurrency(tx, org.id, params.id)),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
