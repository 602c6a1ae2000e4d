import type { AuditEventView } from "./audit-views";
import { AUDIT_SETTING_LABELS } from "./describe-audit-event";
import type { Role } from "./permissions";
import { ROLE_LABELS } from "./role-labels";

/** One line of an event's details: a change (`from` → `to`) or a plain fact (`value`). */
export interface AuditDetail {
  label: string;
  from?: string;
  to?: string;
  value?: string;
}

const KEY_LABELS: Record<string, string> = {
  ...AUDIT_SETTING_LABELS,
  email: "Email",
  role: "Role",
  status: "Status",
  provider: "Provider",
  tenantName: "Connection",
  baseCurrency: "Books in",
  syncRunId: "Sync run",
  via: "How",
  rows: "Events",
  filters: "Filters",
  tables: "Tables",
  fileName: "File",
  type: "Import of",
  valid: "Valid rows",
  invalid: "Invalid rows",
  created: "Rows created",
  updated: "Rows updated",
  poNumber: "PO",
  level: "Level",
  utilizationPercent: "Utilization %",
  note: "Note",
  purgeAfter: "Erased after",
  deletedAt: "Deleted at",
  deletedBy: "Deleted by",
  dashboards: "Dashboards",
  metabaseDashboardId: "Metabase dashboard",
};

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const labelOf = (key: string) => capitalized(KEY_LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase());

function show(key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if ((key === "role" || key === "from" || key === "to") && typeof value === "string" && value in ROLE_LABELS) return ROLE_LABELS[value as Role];
  if (typeof value === "boolean") return value ? "on" : "off";
  if (Array.isArray(value)) return value.map((v) => show("", v)).join(", ");
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${labelOf(k)}: ${show(k, v)}`).join("; ") || "—";
  }
  return String(value);
}

/**
 * An event's metadata as readable lines, changes first: `{changed: {key: {from, to}}}`,
 * `{from, to}` (a role) and `{previousCurrency, currency}` become before → after; every other key
 * a labelled value. The raw record stays one click away on the page, and complete in the CSV.
 */
export function auditDetails(e: Pick<AuditEventView, "action" | "metadata">): AuditDetail[] {
  const { changed, from, to, previousCurrency, currency, ...rest } = e.metadata;
  const lines: AuditDetail[] = [];
  if (typeof changed === "object" && changed !== null) {
    for (const [key, change] of Object.entries(changed as Record<string, { from?: unknown; to?: unknown }>)) {
      lines.push({ label: labelOf(key), from: show(key, change?.from), to: show(key, change?.to) });
    }
  }
  if (from !== undefined || to !== undefined) lines.push({ label: e.action === "member.role_changed" ? "Role" : "Change", from: show("from", from), to: show("to", to) });
  if (previousCurrency !== undefined || currency !== undefined) lines.push({ label: "Currency", from: show("", previousCurrency), to: show("", currency) });
  for (const [key, value] of Object.entries(rest)) lines.push({ label: labelOf(key), value: show(key, value) });
  return lines;
}

/** Loopback addresses read as "this computer"; private ones say they are on the local network. */
export function describeIp(ip: string | null): string | null {
  if (!ip) return null;
  const v4 = ip.replace(/^::ffff:/i, "");
  if (ip === "::1" || v4.startsWith("127.")) return "this computer";
  if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(v4) || /^f[cd][0-9a-f]{2}:/i.test(ip) || /^fe80:/i.test(ip)) return `the local network (${ip})`;
  return ip;
}
