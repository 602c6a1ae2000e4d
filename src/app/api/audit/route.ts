import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { auditCsv } from "@/server/audit/audit-csv";
import { exportAuditEvents } from "@/server/audit/export-audit-events";
import { listAuditEvents } from "@/server/audit/list-audit-events";
import { listAuditQuery } from "@/lib/admin-schemas";

/** The organization's audit log, newest first; `format=csv` downloads every matching event. */
export const GET = route({ auth: "user", permission: "audit.read", query: listAuditQuery }, async ({ db, org, query }) => {
  if (query.format === "json") return db((tx) => listAuditEvents(tx, org.id, query));
  const events = await db((tx) => exportAuditEvents(tx, org.id, query));
  const name = `audit-${org.slug}-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(auditCsv(events), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"` },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
