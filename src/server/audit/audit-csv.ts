import { toCsv } from "@/lib/to-csv";
import type { AuditEventView } from "@/lib/audit-views";

const HEADER = ["id", "created_at", "actor_user_id", "actor_email", "actor_type", "action", "target_type", "target_id", "metadata", "ip", "user_agent", "request_id"];

/** User agents and emails are attacker-controlled: toCsv neutralizes what a spreadsheet would run. */
export function auditCsv(events: AuditEventView[]): string {
  const rows = events.map((e) => [
    e.id, new Date(e.createdAt), e.actorUserId, e.actorEmail, e.actorType, e.action, e.targetType, e.targetId,
    JSON.stringify(e.metadata), e.ip, e.userAgent, e.requestId,
  ]);
  return toCsv(HEADER, rows) + "\r\n";
}
