import { alertsEvaluate, alertsEvaluateSchedule } from "./kinds/alerts-evaluate.ts";
import { syncIntegrationsSchedule, syncRun } from "./kinds/sync-run.ts";
import { systemNoop } from "./kinds/system-noop.ts";
import { systemPrune, systemPruneSchedule } from "./kinds/system-prune.ts";
import { createJobRegistry } from "./registry.ts";

/**
 * The app's job kinds and schedules, shared by the in-process worker and the Edge Functions. The
 * sync, import and alert issues add theirs here (kinds `sync.*`, `import.*`, `alert.*`; schedules
 * `sync.integrations` every 15 minutes and `alerts.evaluate` hourly, the names pg_cron calls).
 */
export const jobRegistry = createJobRegistry(
  [systemNoop, systemPrune, syncRun, alertsEvaluate],
  [syncIntegrationsSchedule, systemPruneSchedule, alertsEvaluateSchedule],
);
