import { csvCell } from "@/server/http/csv-cell";
import type { AuditEventView } from "./list-audit-events";

const HEADER = ["id", "created_at", "actor_user_id", "actor_email", "actor_type", "action", "target_type", "target_id", "metadata", "ip", "user_agent", "request_id"];

export function auditCsv(events: AuditEventView[]): string {
  const lines = [HEADER.join(",")];
  for (const e of events) {
    lines.push(
      [e.id, new Date(e.createdAt), e.actorUserId, e.actorEmail, e.actorType, e.action, e.targetType, e.targetId, e.metadata, e.ip, e.userAgent, e.requestId]
        .map(csvCell)
        .join(","),
    );
  }
  return lines.join("\r\n") + "\r\n";
}
