import { asService, sql, type RequestMeta } from "@/server/db";
import type { AuditAction } from "@/lib/audit-actions";

/**
 * A user's own two-factor event (enrolled, wrong code, lockout, factor removed, recovery code used
 * or regenerated), written like sign-in events: one row in the log of every organization the user
 * belongs to at that moment, so their admins see it; one row with no organization otherwise. The
 * session may be aal1 here, so the service role writes it.
 */
export async function recordMfaEvent(event: {
  action: Extract<AuditAction, `mfa.${string}`>;
  userId: string;
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>;
  meta?: RequestMeta;
}): Promise<void> {
  await asService((tx) =>
    tx.query(sql`
      with orgs as (select m.org_id from public.org_members m where m.user_id = ${event.userId}),
           targets as (select org_id from orgs union all select null::uuid where not exists (select 1 from orgs))
      insert into public.audit_events
        (org_id, actor_user_id, actor_type, action, target_type, target_id, metadata, ip, user_agent, request_id)
      select t.org_id, ${event.userId}, 'user', ${event.action}, ${event.targetType ?? "user"}, ${event.targetId ?? event.userId},
             ${JSON.stringify(event.metadata ?? {})}::jsonb, ${event.meta?.ip ?? null}::inet, ${event.meta?.userAgent ?? null},
             ${event.meta?.requestId ?? null}
      from targets t`),
  );
}
