import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { listIntegrations } from "@/server/integrations/list-integrations";
import { xeroConnectable } from "@/server/integrations/xero-connectable";
import type { IntegrationListView } from "@/lib/integration-views";

export const GET = route({ auth: "user", permission: "sync.read" }, async ({ db, org }): Promise<IntegrationListView> => ({
  items: await db((tx) => listIntegrations(tx, org.id)),
  xeroConfigured: xeroConnectable(),
  currency: org.currency,
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
