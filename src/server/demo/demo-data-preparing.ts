import { sql } from "@/server/db";
import type { JobTx } from "@edge-shared/db/database.ts";
import { DEMO_DATA_KIND } from "./demo-data-job";

/**
 * True while a demo data job (of `orgId`, or of any organization) is queued or running: the
 * dashboards say "demo data is being prepared", and Demo Xero waits for it before connecting.
 * Members read their organization's jobs (RLS), so it runs in the request's own transaction.
 */
export async function demoDataPreparing(tx: JobTx, orgId?: string): Promise<boolean> {
  const row = await tx.maybeOne(sql`
    select 1 from public.jobs
     where kind = ${DEMO_DATA_KIND} and status in ('queued', 'running') and ${orgId === undefined ? sql`true` : sql`org_id = ${orgId}`}
     limit 1`);
  return row !== undefined;
}
