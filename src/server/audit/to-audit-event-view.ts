import { toIso } from "@/server/db/to-iso";
import type { AuditEventView } from "@/lib/audit-views";

export type AuditEventRow = Omit<AuditEventView, "createdAt"> & { createdAt: Date | string };

export function toAuditEventView(row: AuditEventRow): AuditEventView {
  return { ...row, createdAt: toIso(row.createdAt) };
}
