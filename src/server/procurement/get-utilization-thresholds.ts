import { sql, type Tx } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import type { UtilizationThresholds } from "@/lib/procurement-views";

/** The organization's budget thresholds (Settings › Organization), which decide each PO's level. */
export async function getUtilizationThresholds(tx: Tx, orgId: string): Promise<UtilizationThresholds> {
  const row = await tx.maybeOne<UtilizationThresholds>(sql`
    select alert_warning_pct as "warningPct", alert_critical_pct as "criticalPct", alert_over_budget_pct as "overBudgetPct"
    from public.organizations where id = ${orgId}`);
  if (!row) throw notFound("Organization");
  return { warningPct: Number(row.warningPct), criticalPct: Number(row.criticalPct), overBudgetPct: Number(row.overBudgetPct) };
}
