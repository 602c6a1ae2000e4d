import type { z } from "zod";
import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { updateOrganizationBody } from "@/lib/admin-schemas";
import type { OrgLocale } from "@/lib/org-locale";
import { requestAlertEvaluation } from "@edge-shared/alerts/request-alert-evaluation.ts";

export interface OrganizationSettings {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  currency: string;
  alertWarningPct: number;
  alertCriticalPct: number;
  alertOverBudgetPct: number;
  /** The locale chosen for numbers and dates; null follows the time zone (effectiveLocale). */
  locale: OrgLocale | null;
}

const columns = sql`
  id, name, slug, timezone, currency, alert_warning_pct as "alertWarningPct",
  alert_critical_pct as "alertCriticalPct", alert_over_budget_pct as "alertOverBudgetPct", locale`;

export async function getOrganizationSettings(tx: Tx, orgId: string): Promise<OrganizationSettings> {
  const row = await tx.maybeOne<OrganizationSettings>(sql`select ${columns} from public.organizations where id = ${orgId}`);
  if (!row) throw notFound("Organization");
  return row;
}

const FIELDS: Record<keyof z.output<typeof updateOrganizationBody>, true> = {
  name: true,
  slug: true,
  timezone: true,
  currency: true,
  alertWarningPct: true,
  alertCriticalPct: true,
  alertOverBudgetPct: true,
  locale: true,
};

const THRESHOLDS = ["alertWarningPct", "alertCriticalPct", "alertOverBudgetPct"] as const;

/**
 * Changes the given settings (RLS and column grants allow it to `org.manage` only) and records
 * which fields changed. The threshold order is re-checked by the table's CHECK constraint. New
 * thresholds re-level every PO: an alert evaluation of the whole organization is enqueued in the
 * same transaction (in JOBS_RUNNER=edge the per-minute drain picks it up).
 */
export async function updateOrganizationSettings(
  tx: Tx,
  orgId: string,
  patch: z.output<typeof updateOrganizationBody>,
): Promise<OrganizationSettings> {
  const before = await getOrganizationSettings(tx, orgId);
  const entries = (Object.keys(FIELDS) as (keyof typeof FIELDS)[]).filter((key) => patch[key] !== undefined);
  // Absent fields keep their value: one fixed statement, every value a parameter.
  const row = await tx.maybeOne<OrganizationSettings>(sql`
    update public.organizations set
      name = coalesce(${patch.name ?? null}, name),
      slug = coalesce(${patch.slug ?? null}, slug),
      timezone = coalesce(${patch.timezone ?? null}, timezone),
      currency = coalesce(${patch.currency ?? null}, currency),
      alert_warning_pct = coalesce(${patch.alertWarningPct ?? null}::numeric, alert_warning_pct),
      alert_critical_pct = coalesce(${patch.alertCriticalPct ?? null}::numeric, alert_critical_pct),
      alert_over_budget_pct = coalesce(${patch.alertOverBudgetPct ?? null}::numeric, alert_over_budget_pct),
      -- null is a value here ("follow the time zone"): only an absent field keeps the locale.
      locale = case when ${patch.locale !== undefined}::boolean then ${patch.locale ?? null}::text else locale end
    where id = ${orgId} returning ${columns}`);
  if (!row) throw notFound("Organization");
  const changed = entries.filter((key) => String(before[key]) !== String(row[key]));
  if (changed.length) {
    await recordAuditEvent(tx, {
      action: "org.updated",
      orgId,
      targetType: "organization",
      targetId: orgId,
      metadata: { changed: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: row[key] }])) },
    });
  }
  if (changed.some((key) => (THRESHOLDS as readonly string[]).includes(key))) {
    await requestAlertEvaluation(tx, orgId);
  }
  return row;
}
