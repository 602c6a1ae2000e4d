import { AUDIT_ACTIONS, type AuditAction } from "./audit-actions";

/** The part of an action code before the dot ("member" of "member.role_changed"). */
type AuditArea = AuditAction extends `${infer Area}.${string}` ? Area : never;

/**
 * The one readable name of each audit action, for filters and headings (the log itself shows a
 * sentence per event, src/lib/describe-audit-event.ts). Keyed on every code, so a new code does not
 * compile until it has its name; the codes stay the filter's values and the CSV's.
 */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "auth.login_succeeded": "Signed in",
  "auth.login_failed": "Sign-in failed",
  "auth.login_locked": "Sign-in locked after repeated failures",
  "auth.logout": "Signed out",
  "auth.password_changed": "Password changed or reset",
  "auth.password_reset_requested": "Password reset requested",
  "auth.refresh_token_reused": "Copied session refused",
  "auth.signup_requested": "Sign-up requested",
  "auth.email_verified": "Email address confirmed",
  "account.deleted": "Account deleted",
  "member.invited": "Member invited",
  "member.invitation_resent": "Invitation sent again",
  "member.invitation_revoked": "Invitation revoked",
  "member.joined": "Invitation accepted",
  "member.role_changed": "Role changed",
  "member.deactivated": "Member deactivated",
  "member.reactivated": "Member reactivated",
  "member.removed": "Member removed",
  "org.updated": "Settings changed",
  "org.created": "Organization created",
  "org.exported": "Everything downloaded",
  "org.deleted": "Organization deleted",
  "org.restored": "Organization restored",
  "org.purged": "Deleted organization erased",
  "audit.exported": "Audit log exported",
  "dashboards.config_updated": "Dashboard settings changed",
  "dashboards.embed_issued": "Metabase dashboard opened",
  "integration.connected": "Connection added",
  "integration.disconnected": "Connection removed",
  "integration.currency_adopted": "Currency switched for a connection",
  "sync.triggered": "Sync started",
  "import.confirmed": "Spreadsheet imported",
  "import.revert_requested": "Import undone",
  "alert.acknowledged": "Alert acknowledged",
  "mfa.enrolled": "Authenticator added",
  "mfa.verify_failed": "Wrong two-factor code",
  "mfa.locked": "Two-factor sign-in locked",
  "mfa.factor_removed": "Authenticator removed",
  "mfa.recovery_code_used": "Recovery code used",
  "mfa.recovery_codes_regenerated": "Recovery codes regenerated",
  "mfa.reset_by_admin": "Two-factor sign-in reset by an admin",
  "mfa.policy_updated": "Two-factor requirement changed",
};

/** The areas the filter groups actions under; areas with the same name share a group. */
export const AUDIT_AREA_LABELS: Record<AuditArea, string> = {
  auth: "Sign-in and accounts",
  account: "Sign-in and accounts",
  mfa: "Two-factor sign-in",
  member: "Members and invitations",
  org: "Organization",
  audit: "Audit log",
  dashboards: "Dashboards",
  integration: "Connections and sync",
  sync: "Connections and sync",
  import: "Imports",
  alert: "Alerts",
};

export interface AuditActionGroup {
  label: string;
  actions: { value: AuditAction; label: string }[];
}

const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, "en");

/** Every action once, grouped by area; groups and the actions in each sorted by name. */
export function auditActionGroups(): AuditActionGroup[] {
  const groups = new Map<string, AuditActionGroup>();
  for (const value of AUDIT_ACTIONS) {
    const label = AUDIT_AREA_LABELS[value.slice(0, value.indexOf(".")) as AuditArea];
    const group = groups.get(label) ?? { label, actions: [] };
    group.actions.push({ value, label: AUDIT_ACTION_LABELS[value] });
    groups.set(label, group);
  }
  return [...groups.values()].map((g) => ({ ...g, actions: g.actions.sort(byLabel) })).sort(byLabel);
}
