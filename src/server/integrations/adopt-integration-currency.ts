import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import type { AdoptedCurrencyView } from "@/lib/integration-views";
import { integrationColumns, integrationFrom, toIntegrationView, type IntegrationRow } from "./integration-view";

/**
 * The admin chose to keep the Xero organisation and take its currency: the guarded function changes
 * the organization's currency, lets the connection sync and records the audit event.
 */
export async function adoptIntegrationCurrency(tx: Tx, orgId: string, connectionId: string): Promise<AdoptedCurrencyView> {
  // The function checks membership of the connection's organization; this keeps the request's.
  const mine = await tx.maybeOne(sql`select 1 from public.integration_connections where id = ${connectionId}::uuid and org_id = ${orgId}::uuid`);
  if (!mine) throw notFound("Connection");
  const adopted = await tx.one<{ currency: string; previous_currency: string }>(sql`
    select currency, previous_currency from app_private.adopt_integration_currency(${connectionId}::uuid)`);
  const integration = await tx.one<IntegrationRow>(sql`select ${integrationColumns} from ${integrationFrom} where c.id = ${connectionId}::uuid`);
  return { integration: toIntegrationView(integration), currency: adopted.currency, previousCurrency: adopted.previous_currency };
}
