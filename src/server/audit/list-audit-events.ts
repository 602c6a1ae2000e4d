import type { z } from "zod";
import { sql, type Tx } from "@/server/db";
import type { listAuditQuery } from "@/lib/admin-schemas";
import type { AuditAction } from "@/lib/audit-actions";

export interface AuditEventView {
  id: number;
  createdAt: Date;
  actorUserId: string | null;
  actorEmail: string | null;
  actorType: string;
  action: AuditAction;
  targetType: string | null;
  targetId: string | null;
  metadata: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

type AuditQuery = Pick<z.output<typeof listAuditQuery>, "actor" | "action" | "from" | "to">;

function filtersOf(orgId: string, query: AuditQuery) {
  const filters = [sql`e.org_id = ${orgId}`];
  if (query.actor) filters.push(sql`e.actor_user_id = ${query.actor}::uuid`);
  if (query.action) filters.push(sql`e.action = ${query.action}`);
  // Whole days in the organization's time zone would need it here; UTC days keep the filter exact and simple.
  if (query.from) filters.push(sql`e.created_at >= ${query.from}::date`);
  if (query.to) filters.push(sql`e.created_at < ${query.to}::date + 1`);
  return sql.join(filters, " and ");
}

const columns = sql`
  e.id, e.created_at as "createdAt", e.actor_user_id as "actorUserId", p.email as "actorEmail",
  e.actor_type as "actorType", e.action, e.target_type as "targetType", e.target_id as "targetId",
  e.metadata, host(e.ip) as ip, e.user_agent as "userAgent", e.request_id as "requestId"`;

/** Newest first, one page; RLS shows only organizations where the caller has `audit.read`. */
export async function listAuditEvents(
  tx: Tx,
  orgId: string,
  query: AuditQuery & { page: number; pageSize: number },
): Promise<{ items: AuditEventView[]; page: number; pageSize: number; hasMore: boolean }> {
  const rows = await tx.query<AuditEventView>(sql`
    select ${columns}
    from public.audit_events e left join public.user_profiles p on p.user_id = e.actor_user_id
    where ${filtersOf(orgId, query)}
    order by e.created_at desc, e.id desc
    limit ${query.pageSize + 1} offset ${(query.page - 1) * query.pageSize}`);
  return { items: rows.slice(0, query.pageSize), page: query.page, pageSize: query.pageSize, hasMore: rows.length > query.pageSize };
}

/** Every matching event for the CSV export, capped so one export cannot exhaust the server. */
export const AUDIT_EXPORT_LIMIT = 50_000;

export async function exportAuditEvents(tx: Tx, orgId: string, query: AuditQuery): Promise<AuditEventView[]> {
  return tx.query<AuditEventView>(sql`
    select ${columns}
    from public.audit_events e left join public.user_profiles p on p.user_id = e.actor_user_id
    where ${filtersOf(orgId, query)}
    order by e.created_at desc, e.id desc
    limit ${AUDIT_EXPORT_LIMIT}`);
}
