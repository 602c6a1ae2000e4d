/** The closed vocabulary of audit actions; mirrors public.audit_actions (a test keeps them equal). */
export const AUDIT_ACTIONS = [
  "auth.login_succeeded",
  "auth.login_failed",
  "auth.login_locked",
  "auth.logout",
  "auth.password_changed",
  "auth.password_reset_requested",
  "auth.refresh_token_reused",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
