import { sql } from "../../db/sql.ts";
import { alertEvaluatePayload } from "../../alerts/alert-evaluate-payload.ts";
import { alertScheduleMinutes } from "../../alerts/alert-settings.ts";
import { evaluateAlerts } from "../../alerts/evaluate-alerts.ts";
import { PermanentJobError } from "../errors.ts";
import { defineJobKind } from "../job-kind.ts";
import type { JobSchedule } from "../create-job-registry.ts";

/**
 * Evaluates utilization alerts for some or all POs of one organization: one batch, i.e. one
 * lease-checked transaction running the set-based evaluation (alerts/evaluate-alerts.ts). A rerun
 * (lost lease, retry) finds the state already evaluated and changes nothing. The escalation emails
 * it records are delivered by the Node side (docs/alerts.md).
 */
export const alertsEvaluate = defineJobKind({
  kind: "alerts.evaluate",
  runner: "alert-evaluate",
  readPermission: "alerts.read",
  payload: alertEvaluatePayload,
  maxAttempts: 5,
  async run(ctx) {
    const { orgId, poIds } = ctx.payload;
    if (ctx.job.orgId && ctx.job.orgId !== orgId) {
      throw new PermanentJobError("The job's organization and its payload's orgId differ; enqueue it again for one organization");
    }
    return ctx.batch((tx) => evaluateAlerts(tx, { orgId, poIds, evaluationId: ctx.job.id }), { done: 1, total: 1 });
  },
});

/**
 * Every organization with an open PO or an unresolved alert, every ALERTS_SCHEDULE_MINUTES (hourly by
 * default; 0: never). On Supabase pg_cron names this schedule hourly (20261122001001_job_schedules.sql).
 */
export const alertsEvaluateSchedule: JobSchedule = {
  name: "alerts.evaluate",
  runner: "alert-evaluate",
  everySeconds: Math.max(1, alertScheduleMinutes()) * 60,
  async plan(tx) {
    if (alertScheduleMinutes() === 0) return [];
    const orgs = await tx.query<{ org_id: string }>(sql`
      select distinct org_id from public.purchase_orders where status = 'open'
      union
      select distinct org_id from public.alerts where status <> 'resolved'`);
    return orgs.map((o) => ({ orgId: o.org_id, kind: "alerts.evaluate", payload: { orgId: o.org_id }, key: o.org_id }));
  },
};
