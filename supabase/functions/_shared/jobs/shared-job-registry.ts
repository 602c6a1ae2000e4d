import { emailSend } from "./kinds/email-send.ts";
import { orgPurge, orgPurgeSchedule } from "./kinds/org-purge.ts";
import type { JobKind } from "./job-kind.ts";
import { importProcess, importsRecoverSchedule } from "./kinds/import-process.ts";
import { importRevert } from "./kinds/import-revert.ts";
import { alertsEvaluate, alertsEvaluateSchedule } from "./kinds/alerts-evaluate.ts";
import { syncIntegrationsSchedule, syncRun } from "./kinds/sync-run.ts";
import { systemNoop } from "./kinds/system-noop.ts";
import { systemPrune, systemPruneSchedule } from "./kinds/system-prune.ts";
import { createJobRegistry, type JobSchedule } from "./create-job-registry.ts";

/**
 * The job kinds and schedules every runner shares (the in-process worker and the Edge Functions).
 * The sync, import and alert issues add theirs here (kinds `sync.*`, `import.*`, `alert.*`; schedules
 * `sync.integrations` every 15 minutes and `alerts.evaluate` hourly, the names pg_cron calls).
 * `email.send` delivers one stored message (deployment-level: its jobs have no organization).
 * The app adds its Node-only kinds on top (src/server/jobs/app-job-registry.ts).
 */
export const sharedJobKinds: readonly JobKind[] = [systemNoop, systemPrune, syncRun, emailSend, orgPurge, importProcess, importRevert, alertsEvaluate];
export const sharedJobSchedules: readonly JobSchedule[] = [syncIntegrationsSchedule, systemPruneSchedule, orgPurgeSchedule, importsRecoverSchedule, alertsEvaluateSchedule];

export const jobRegistry = createJobRegistry(sharedJobKinds, sharedJobSchedules);
