import { sql, type Engine } from "@/server/db";
import { DEMO_XERO_ORG_SLUG, demoTenantIds } from "./demo-xero";

/**
 * Whether an earlier start connected Acme to the Demo Xero (its connection keeps the seed record
 * under `checkpoints.demo`): a restart then rebuilds the same fake from that record alone, without
 * waiting for the demo data, and sync runs left from before the restart must wait for it.
 */
export async function demoXeroConnectedBefore(engine: Engine): Promise<boolean> {
  return engine.transaction(async (tx) => {
    const acme = await tx.maybeOne<{ id: string }>(sql`select id from public.organizations where slug = ${DEMO_XERO_ORG_SLUG}`);
    if (!acme) return false;
    const row = await tx.maybeOne(sql`
      select 1 from public.integration_connections
      where org_id = ${acme.id} and provider = 'xero' and tenant_id = ${demoTenantIds(acme.id).xero} and checkpoints ? 'demo'`);
    return row !== undefined;
  });
}
