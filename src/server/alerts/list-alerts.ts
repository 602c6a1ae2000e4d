import type { z } from "zod";
import { sql, type Tx } from "@/server/db";
import type { listAlertsQuery } from "@/lib/alert-schemas";
import type { AlertListPage } from "@/lib/alert-views";
import { loadAlerts } from "./load-alerts";

/** A page of the organization's alerts, newest escalation first, filtered by level, status and PO. */
export async function listAlerts(tx: Tx, orgId: string, query: z.output<typeof listAlertsQuery>): Promise<AlertListPage> {
  const conditions = [sql`a.org_id = ${orgId}`];
  if (query.level) conditions.push(sql`a.level = ${query.level}`);
  if (query.status === "active") conditions.push(sql`a.status <> 'resolved'`);
  else if (query.status) conditions.push(sql`a.status = ${query.status}`);
  if (query.poId) conditions.push(sql`a.po_id = ${query.poId}`);
  const offset = (query.page - 1) * query.pageSize;
  let page = await loadAlerts(tx, sql.join(conditions, " and "), sql`order by a.last_escalated_at desc, a.id limit ${query.pageSize} offset ${offset}`);
  // Past the last page the window count is gone with the rows: count separately.
  if (page.items.length === 0 && offset > 0) {
    const { n } = await tx.one<{ n: number }>(sql`select count(*)::int as n from public.alerts a where ${sql.join(conditions, " and ")}`);
    page = { items: [], total: n };
  }
  return { ...page, page: query.page, pageSize: query.pageSize };
}
