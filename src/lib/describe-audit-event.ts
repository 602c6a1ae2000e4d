import type { AuditAction } from "./audit-actions";
import type { AuditEventView } from "./audit-views";
import type { Role } from "./permissions";
import { ROLE_LABELS } from "./role-labels";

/** A person named in a sentence: linked to their member record when there is one to link to. */
export interface AuditPerson {
  userId: string | null;
  label: string;
  email: string | null;
}

/** A sentence in pieces, so the page can link the people in it; `text` is the same sentence, plain. */
export type AuditSentencePart = string | { person: AuditPerson };

export interface AuditSentence {
  parts: AuditSentencePart[];
  text: string;
}

type Event = Pick<AuditEventView, "action" | "actorUserId" | "actorEmail" | "actorName" | "actorType" | "targetType" | "targetId" | "targetName" | "targetEmail" | "metadata">;

const str = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value : null);
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const role = (value: unknown): string => (typeof value === "string" && value in ROLE_LABELS ? ROLE_LABELS[value as Role].toLowerCase() : (str(value) ?? "another role"));
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
const quoted = (value: unknown): string | null => (str(value) ? `“${str(value)}”` : null);
const rolesList = (value: unknown): string => (Array.isArray(value) && value.length ? value.map(role).join(", ") : "no role");
const PROVIDER: Record<string, string> = { xero: "Xero", xpm: "Xero Practice Manager" };
/** The organization settings an `org.updated` event can name, as the Organization page calls them. */
export const AUDIT_SETTING_LABELS: Record<string, string> = {
  name: "name",
  slug: "web address",
  timezone: "time zone",
  currency: "currency",
  alertWarningPct: "warning threshold",
  alertCriticalPct: "critical threshold",
  alertOverBudgetPct: "over-budget threshold",
  assistantModelEnabled: "assistant model",
};

/** Events whose recorded `email` is the actor's own: they still name someone who has left since. */
const ACTOR_EMAIL_RECORDED: ReadonlySet<AuditAction> = new Set(["auth.login_succeeded", "member.joined", "auth.email_verified", "account.deleted"]);

function actorOf(e: Event): AuditPerson | string {
  if (e.actorUserId && (e.actorName || e.actorEmail)) return { userId: e.actorUserId, label: e.actorName ?? e.actorEmail!, email: e.actorEmail };
  const recorded = ACTOR_EMAIL_RECORDED.has(e.action) ? str(e.metadata.email) : null;
  if (recorded) return { userId: e.actorUserId, label: recorded, email: recorded };
  if (e.actorType === "user" || e.actorUserId) return "A former member";
  if (e.actorType === "job") return "A background job";
  if (e.actorType === "system") return "XeroPulse";
  return "Someone";
}

/** The person an event is about; a profile no longer visible falls back to the address the event recorded. */
function targetOf(e: Event): AuditPerson | string {
  if (e.targetType === "user" && (e.targetName || e.targetEmail)) return { userId: e.targetId, label: e.targetName ?? e.targetEmail!, email: e.targetEmail };
  const email = str(e.metadata.email);
  return email ? { userId: null, label: email, email } : "a former member";
}

const isPerson = (who: AuditPerson | string): who is AuditPerson => typeof who !== "string";
const possessive = (who: AuditPerson | string): AuditSentencePart[] => (isPerson(who) ? [{ person: who }, "'s"] : [`${who}'s`]);
const emailOf = (e: Event) => str(e.metadata.email) ?? "an unknown address";
const tenantOf = (e: Event) => str(e.metadata.tenantName) ?? "a connection";

/**
 * Each action as a sentence after its actor ("changed Otto's role from staff to operator"). Keyed
 * on every action code, so a new code does not compile until it has its sentence.
 */
const SENTENCES: Record<AuditAction, (e: Event, actor: AuditPerson | string) => AuditSentencePart[]> = {
  "auth.login_succeeded": () => ["signed in"],
  "auth.login_failed": (e) => ["A sign-in as ", emailOf(e), " failed: wrong password or unknown address"],
  "auth.login_locked": (e) => ["Sign-in as ", emailOf(e), " was locked after repeated failures"],
  "auth.logout": () => ["signed out"],
  "auth.password_changed": (e) => [e.metadata.via === "reset" ? "reset their password by email link" : "changed their password"],
  "auth.password_reset_requested": (e) => ["A password reset was requested for ", emailOf(e)],
  "auth.refresh_token_reused": (_e, actor) => ["A copied session of ", ...(isPerson(actor) ? [{ person: actor }] : ["a member"]), " was refused and all of its sign-ins were ended"],
  "member.invited": (e) => ["invited ", emailOf(e), " as ", role(e.metadata.role)],
  "member.invitation_resent": (e) => ["sent the invitation to ", emailOf(e), " again"],
  "member.invitation_revoked": (e) => ["revoked the invitation to ", emailOf(e)],
  "member.joined": (e) => ["accepted the invitation and joined as ", role(e.metadata.role)],
  "member.role_changed": (e) => ["changed ", ...possessive(targetOf(e)), ` role from ${role(e.metadata.from)} to ${role(e.metadata.to)}`],
  "member.deactivated": (e) => ["deactivated ", ...person(targetOf(e))],
  "member.reactivated": (e) => ["reactivated ", ...person(targetOf(e))],
  "member.removed": (e) => ["removed ", ...person(targetOf(e)), " from the organization"],
  "org.updated": (e) => {
    const changed = Object.keys(typeof e.metadata.changed === "object" && e.metadata.changed !== null ? e.metadata.changed : {});
    return changed.length ? [`changed the organization's ${listOf(changed.map((key) => AUDIT_SETTING_LABELS[key] ?? key))}`] : ["changed the organization's settings"];
  },
  "audit.exported": (e) => [num(e.metadata.rows) === null ? "exported the audit log" : `exported ${plural(num(e.metadata.rows)!, "event")} of the audit log`],
  "dashboards.config_updated": () => ["changed which dashboards are shown, their order and who may open them"],
  "dashboards.embed_issued": () => ["opened a Metabase dashboard"],
  "integration.connected": (e) => [
    `connected ${tenantOf(e)}`,
    str(e.metadata.provider) ? ` (${PROVIDER[str(e.metadata.provider)!] ?? str(e.metadata.provider)})` : "",
    e.metadata.status === "currency_mismatch" ? `, held back: its books are in ${str(e.metadata.baseCurrency) ?? "another currency"}` : "",
  ],
  "integration.disconnected": (e) => [`disconnected ${tenantOf(e)}`],
  "integration.currency_adopted": (e) => [
    `switched the organization's currency from ${str(e.metadata.previousCurrency) ?? "?"} to ${str(e.metadata.currency) ?? "?"} to sync ${tenantOf(e)}`,
  ],
  "sync.triggered": (e) => [`started a sync of ${tenantOf(e)}`],
  "auth.signup_requested": (e) => ["Someone asked to sign up as ", emailOf(e)],
  "auth.email_verified": () => ["confirmed their email address"],
  "org.created": () => ["created the organization"],
  "org.exported": () => ["downloaded everything the organization holds"],
  "org.deleted": () => ["deleted the organization"],
  "org.restored": () => ["restored the organization"],
  "org.purged": (e) => [str(e.metadata.name) ? `The deleted organization ${str(e.metadata.name)} was erased for good` : "A deleted organization was erased for good"],
  "account.deleted": () => ["deleted their account"],
  "import.confirmed": (e) => [`imported ${str(e.metadata.fileName) ?? "a spreadsheet"}`],
  "import.revert_requested": (e) => [`undid the import of ${str(e.metadata.fileName) ?? "a spreadsheet"}`],
  "mfa.enrolled": (e) => [`added the two-factor authenticator ${quoted(e.metadata.friendlyName) ?? "to their account"}`],
  "mfa.verify_failed": () => ["entered a wrong two-factor code"],
  "mfa.locked": () => ["was locked out of two-factor sign-in for 15 minutes after repeated wrong codes"],
  "mfa.factor_removed": (e) => [`removed the two-factor authenticator ${quoted(e.metadata.friendlyName) ?? "from their account"}`],
  "mfa.recovery_code_used": (e) => [`signed in with a recovery code${num(e.metadata.remaining) !== null ? ` (${plural(num(e.metadata.remaining)!, "code")} left)` : ""}`],
  "mfa.recovery_codes_regenerated": () => ["generated new recovery codes"],
  "mfa.reset_by_admin": (e) => ["reset ", ...possessive(targetOf(e)), " two-factor sign-in"],
  "mfa.policy_updated": (e) => [`required two-factor sign-in of ${rolesList(e.metadata.to)} (before: ${rolesList(e.metadata.from)})`],
  "alert.acknowledged": (e) => [`acknowledged the ${str(e.metadata.level) ? `${str(e.metadata.level)!.replace(/_/g, " ")} ` : ""}alert on PO ${str(e.metadata.poNumber) ?? "?"}`],
};

/** Sentences that name no actor in front ("A sign-in as … failed"): the actor is not who did it. */
const IMPERSONAL: ReadonlySet<AuditAction> = new Set([
  "auth.login_failed",
  "auth.login_locked",
  "auth.password_reset_requested",
  "auth.refresh_token_reused",
  "auth.signup_requested",
  "org.purged",
]);

function person(who: AuditPerson | string): AuditSentencePart[] {
  return [isPerson(who) ? { person: who } : who];
}

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** What happened, as a person would say it: "Ada changed Otto's role from staff to operator". */
export function describeAuditEvent(e: Event): AuditSentence {
  const actor = actorOf(e);
  const rest = SENTENCES[e.action]?.(e, actor) ?? [`did ${e.action}`];
  const parts = (IMPERSONAL.has(e.action) ? rest : [...person(actor), " ", ...rest]).filter((p) => p !== "");
  const text = parts.map((p) => (typeof p === "string" ? p : p.person.label)).join("");
  return { parts, text };
}
