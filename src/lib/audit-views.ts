import type { AuditAction } from "./audit-actions";

/** What GET /api/audit answers (timestamps as ISO strings), for the service and the audit log page. */
export type AuditActorType = "user" | "system" | "job" | "anonymous";

export interface AuditEventView {
  id: number;
  createdAt: string;
  actorUserId: string | null;
  actorEmail: string | null;
  /** The actor's name as their profile has it now (null: no name, or no longer visible). */
  actorName: string | null;
  actorType: AuditActorType;
  action: AuditAction;
  targetType: string | null;
  targetId: string | null;
  /** For a person (`targetType` "user"): their name and email as their profile has them now. */
  targetName: string | null;
  targetEmail: string | null;
  metadata: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** One page, newest first; `hasMore` instead of a total keeps the count off a log that only grows. */
export interface AuditPageView {
  items: AuditEventView[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}
