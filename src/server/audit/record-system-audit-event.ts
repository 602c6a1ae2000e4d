import { asService, sql, type RequestMeta } from "@/server/db";
import type { AuditAction } from "@/lib/audit-actions";

export interface SystemAuditEvent {
  action: AuditAction;
  orgId?: string | null;
  actorUserId?: string | null;
  actorType: "user" | "system" | "job" | "anonymous";
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>;
  meta?: RequestMeta;
}

/**
 * Events with no signed-in caller to attribute them to through RLS (sign-in attempts, jobs):
 * written as the service role, in their own transaction.
 */
export async function recordSystemAuditEvent(event: SystemAuditEvent): Promise<void> {
  await asService((tx) =>
    tx.query(sql`
      insert into public.audit_events
        (org_id, actor_user_id, actor_type, action, target_type, target_id, metadata, ip, user_agent, request_id)
      values (${event.orgId ?? null}, ${event.actorUserId ?? null}, ${event.actorType}, ${event.action},
              ${event.targetType ?? null}, ${event.targetId ?? null}, ${JSON.stringify(event.metadata ?? {})}::jsonb,
              ${event.meta?.ip ?? null}::inet, ${event.meta?.userAgent ?? null}, ${event.meta?.requestId ?? null})`),
  );
}
