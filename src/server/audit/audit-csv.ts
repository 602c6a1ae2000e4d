import { csvField } from "@/lib/spreadsheet-text";
import type { AuditEventView } from "./list-audit-events";

const HEADER = ["id", "created_at", "actor_user_id", "actor_email", "actor_type", "action", "target_type", "target_id", "metadata", "ip", "user_agent", "request_id"];

/** RFC 4180 and formula neutralization (lib/spreadsheet-text): user agents and emails are attacker-controlled. */
function cell(value: unknown): string {
  return csvField(value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value));
}

export function auditCsv(events: AuditEventView[]): string {
  const lines = [HEADER.join(",")];
  for (const e of events) {
    lines.push(
      [e.id, new Date(e.createdAt), e.actorUserId, e.actorEmail, e.actorType, e.action, e.targetType, e.targetId, e.metadata, e.ip, e.userAgent, e.requestId]
        .map(cell)
        .join(","),
    );
  }
  return lines.join("\r\n") + "\r\n";
}
