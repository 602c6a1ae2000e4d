import { deliverAlertNotifications } from "@/server/alerts/deliver-alert-notifications";
import { importValidate } from "@/server/imports/import-validate-job";
import type { JobKind } from "@jobs/jobs/job-kind.ts";
import { sharedJobKinds, sharedJobSchedules } from "@jobs/jobs/job-registry.ts";
import { createJobRegistry } from "@jobs/jobs/registry.ts";

/**
 * `alerts.evaluate` as Node runs it: the shared job records its escalation emails in its
 * transaction; once that committed, they are rendered (React Email) and handed to the one email
 * sender. If that fails the attempt fails and its retry re-evaluates (a no-op) and delivers again;
 * the emails' idempotency keys make a second delivery store nothing new. The Edge Function runs the
 * kind without this step: there, POST /api/alerts/deliver (pg_cron, every minute) sends them.
 */
function deliveringAlerts(kind: JobKind): JobKind {
  if (kind.kind !== "alerts.evaluate") return kind;
  return {
    ...kind,
    async run(ctx) {
      const evaluation = await kind.run(ctx);
      const delivery = await deliverAlertNotifications({ orgId: (ctx.payload as { orgId: string }).orgId });
      return { ...(evaluation as object), delivery };
    },
  };
}

/**
 * Every job kind the app knows: the shared ones (also run by the Edge Functions) with their Node
 * steps, plus the kinds that need Node (runner "node": parsing an uploaded workbook). The in-process
 * worker runs them all; with JOBS_RUNNER=edge, node kinds run in the app process that enqueued them
 * (dispatch-job.ts).
 */
export const appJobRegistry = createJobRegistry([...sharedJobKinds.map(deliveringAlerts), importValidate], sharedJobSchedules);
