import { sql, type Tx } from "@/server/db";
import type { AuditAction } from "@/lib/audit-actions";

/**
 * An event by the signed-in user, inside their request transaction (asUser): the database takes
 * the actor, IP, user agent and request id from the transaction, so they cannot be forged.
 */
export async function recordAuditEvent(
  tx: Tx,
  event: { action: AuditAction; orgId?: string | null; targetType?: string; targetId?: string; metadata?: Record<string, unknown> },
): Promise<void> {
  await tx.query(sql`
    select app_private.record_audit_event(${event.action}, ${event.orgId ?? null}::uuid, ${event.targetType ?? null},
                                          ${event.targetId ?? null}, ${JSON.stringify(event.metadata ?? {})}::jsonb)`);
}
