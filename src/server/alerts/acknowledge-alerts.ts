import { sql, type Tx } from "@/server/db";
import type { AcknowledgeAlertsResult } from "@/lib/alert-views";
import { loadAlerts } from "./load-alerts";

/**
 * Acknowledges alerts of the organization with an optional note, all or nothing, through
 * app_private.acknowledge_alerts: it checks alerts.acknowledge, answers NOT_FOUND for an id outside
 * the organization and CONFLICT for a resolved alert, leaves already acknowledged ones as they were,
 * and writes each timeline event and audit event in this transaction.
 */
export async function acknowledgeAlerts(tx: Tx, orgId: string, ids: readonly string[], note?: string): Promise<AcknowledgeAlertsResult> {
  const unique = [...new Set(ids)];
  const { open } = await tx.one<{ open: number }>(sql`
    select count(*)::int as open from public.alerts where org_id = ${orgId} and id = any (${unique}::uuid[]) and status = 'open'`);
  await tx.query(sql`select id from app_private.acknowledge_alerts(${orgId}::uuid, ${unique}::uuid[], ${note ?? null})`);
  const { items } = await loadAlerts(tx, sql`a.org_id = ${orgId} and a.id = any (${unique}::uuid[])`);
  return { items, acknowledged: open };
}
