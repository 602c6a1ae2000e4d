import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { listIntegrations } from "@/server/integrations/list-integrations";
import { xeroConnectable } from "@/server/integrations/xero-connectable";

export const GET = route({ auth: "user", permission: "sync.read" }, async ({ db, org }) => ({
  items: await db((tx) => listIntegrations(tx, org.id)),
  xeroConfigured: xeroConnectable(),
  // What a held-back connection's currency is compared with.
  currency: org.currency,
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
