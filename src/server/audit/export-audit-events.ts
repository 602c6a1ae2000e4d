import { sql, type Tx } from "@/server/db";
import type { AuditEventView } from "@/lib/audit-views";
import { auditEventQuery, type AuditFilters } from "./audit-event-query";
import { toAuditEventView, type AuditEventRow } from "./to-audit-event-view";

/** Every matching event for the CSV export, capped so one export cannot exhaust the server. */
export const AUDIT_EXPORT_LIMIT = 50_000;

export async function exportAuditEvents(tx: Tx, orgId: string, query: AuditFilters): Promise<AuditEventView[]> {
  const rows = await tx.query<AuditEventRow>(auditEventQuery(orgId, query, sql`order by e.created_at desc, e.id desc limit ${AUDIT_EXPORT_LIMIT}`));
  return rows.map(toAuditEventView);
}
