import { sql, type Tx } from "@/server/db";
import type { AuditEventView } from "@/lib/audit-views";
import { auditEventQuery, type AuditFilters } from "./audit-event-query";
import { recordAuditEvent } from "./record-audit-event";
import { toAuditEventView, type AuditEventRow } from "./to-audit-event-view";

/** Every matching event for the CSV export, capped so one export cannot exhaust the server. */
export const AUDIT_EXPORT_LIMIT = 50_000;

/** The events for the CSV, and the `audit.exported` event (rows and filters) in the same transaction. */
export async function exportAuditEvents(tx: Tx, orgId: string, query: AuditFilters): Promise<AuditEventView[]> {
  const rows = await tx.query<AuditEventRow>(auditEventQuery(orgId, query, sql`order by e.created_at desc, e.id desc limit ${AUDIT_EXPORT_LIMIT}`));
  const filters = Object.fromEntries(Object.entries({ actor: query.actor, action: query.action, from: query.from, to: query.to }).filter(([, v]) => v));
  await recordAuditEvent(tx, { action: "audit.exported", orgId, targetType: "organization", targetId: orgId, metadata: { rows: rows.length, filters } });
  return rows.map(toAuditEventView);
}
