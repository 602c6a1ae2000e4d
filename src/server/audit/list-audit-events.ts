import { sql, type Tx } from "@/server/db";
import type { AuditPageView } from "@/lib/audit-views";
import { auditEventQuery, type AuditFilters } from "./audit-event-query";
import { toAuditEventView, type AuditEventRow } from "./to-audit-event-view";

/** Newest first, one page; RLS shows only organizations where the caller has `audit.read`. */
export async function listAuditEvents(tx: Tx, orgId: string, query: AuditFilters & { page: number; pageSize: number }): Promise<AuditPageView> {
  const rows = await tx.query<AuditEventRow>(
    auditEventQuery(orgId, query, sql`order by e.created_at desc, e.id desc limit ${query.pageSize + 1} offset ${(query.page - 1) * query.pageSize}`),
  );
  return { items: rows.slice(0, query.pageSize).map(toAuditEventView), page: query.page, pageSize: query.pageSize, hasMore: rows.length > query.pageSize };
}
