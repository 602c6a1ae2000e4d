import type { JobKind } from "@edge-shared/jobs/job-kind.ts";
import { createJobRegistry, type JobRegistry } from "@edge-shared/jobs/create-job-registry.ts";
import { deliverAlertNotifications } from "./deliver-alert-notifications";

/**
 * `alerts.evaluate` as the Node worker runs it: the shared job records its escalation emails in its
 * transaction; once that committed, they are rendered (React Email) and handed to the one email
 * sender. If that fails the attempt fails and its retry re-evaluates (a no-op) and delivers again;
 * the emails' idempotency keys make a second delivery store nothing new. The Edge Function runs the
 * kind without this step: there, POST /api/alerts/deliver (pg_cron, every minute) sends them.
 */
export function withAlertDelivery(registry: JobRegistry): JobRegistry {
  const kinds = registry.kindsFor("all").map((name) => {
    const kind = registry.get(name)!;
    return name === "alerts.evaluate" ? deliveringAfter(kind) : kind;
  });
  return createJobRegistry(kinds, registry.schedulesFor("all"));
}

function deliveringAfter(kind: JobKind): JobKind {
  return {
    ...kind,
    async run(ctx) {
      const evaluation = await kind.run(ctx);
      const delivery = await deliverAlertNotifications({ orgId: (ctx.payload as { orgId: string }).orgId });
      return { ...(evaluation as object), delivery };
    },
  };
}
