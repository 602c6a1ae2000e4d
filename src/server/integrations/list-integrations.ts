import { sql, type Tx } from "@/server/db";
import type { IntegrationView } from "@/lib/integration-views";
import { integrationColumns, integrationFrom, toIntegrationView, type IntegrationRow } from "./integration-view";

/** The organization's connections (RLS: sync.read or integrations.manage), live ones first. */
export async function listIntegrations(tx: Tx, orgId: string): Promise<IntegrationView[]> {
  const rows = await tx.query<IntegrationRow>(sql`
    select ${integrationColumns}
    from ${integrationFrom}
    where c.org_id = ${orgId}::uuid
    order by c.provider, (c.status = 'disconnected'), lower(coalesce(c.tenant_name, c.tenant_id)), c.id
    limit 500`);
  return rows.map(toIntegrationView);
}
