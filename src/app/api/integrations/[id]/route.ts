import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { disconnectIntegration } from "@/server/integrations/disconnect-integration";
import { integrationIdParams } from "@/lib/integration-schemas";

/** Disconnects one connection; answers the connection as it is now. */
export const DELETE = route({ auth: "user", permission: "integrations.manage", params: integrationIdParams }, ({ db, org, params }) =>
  disconnectIntegration(db, org.id, params.id),
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
