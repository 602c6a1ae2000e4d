import { sql } from "@/server/db";
import type { SqlQuery } from "@/server/db/sql";
import type { z } from "zod";
import type { listAuditQuery } from "@/lib/admin-schemas";

export type AuditFilters = Pick<z.output<typeof listAuditQuery>, "actor" | "action" | "from" | "to">;

/**
 * The one select of audit events, for the page and the CSV: the actor's and (for a person) the
 * target's profile joined so the log can name people; RLS shows only organizations where the
 * caller has `audit.read`, and only the profiles of colleagues.
 */
export function auditEventQuery(orgId: string, filters: AuditFilters, tail: SqlQuery): SqlQuery {
  const where = [sql`e.org_id = ${orgId}`];
  if (filters.actor) where.push(sql`e.actor_user_id = ${filters.actor}::uuid`);
  if (filters.action) where.push(sql`e.action = ${filters.action}`);
  // Whole days in the organization's time zone would need it here; UTC days keep the filter exact and simple.
  if (filters.from) where.push(sql`e.created_at >= ${filters.from}::date`);
  if (filters.to) where.push(sql`e.created_at < ${filters.to}::date + 1`);
  return sql`
    select e.id, e.created_at as "createdAt", e.actor_user_id as "actorUserId", pa.email as "actorEmail",
           nullif(pa.full_name, '') as "actorName", e.actor_type as "actorType", e.action, e.target_type as "targetType",
           e.target_id as "targetId", nullif(pt.full_name, '') as "targetName", pt.email as "targetEmail",
           e.metadata, host(e.ip) as ip, e.user_agent as "userAgent", e.request_id as "requestId"
    from public.audit_events e
    left join public.user_profiles pa on pa.user_id = e.actor_user_id
    left join public.user_profiles pt on e.target_type = 'user'
      and pt.user_id = (case when e.target_type = 'user' then e.target_id::uuid end)
    where ${sql.join(where, " and ")}
    ${tail}`;
}
