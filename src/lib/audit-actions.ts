/** The closed vocabulary of audit actions; mirrors public.audit_actions (a test keeps them equal). */
export const AUDIT_ACTIONS = [
  "auth.login_succeeded",
  "auth.login_failed",
  "auth.login_locked",
  "auth.logout",
  "auth.password_changed",
  "auth.password_reset_requested",
  "auth.refresh_token_reused",
  "member.invited",
  "member.invitation_resent",
  "member.invitation_revoked",
  "member.joined",
  "member.role_changed",
  "member.deactivated",
  "member.reactivated",
  "member.removed",
  "org.updated",
  "audit.exported",
  "dashboards.config_updated",
  "dashboards.embed_issued",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
