import { demoData } from "@/server/demo/demo-data-job";
import { importValidate } from "@/server/imports/import-validate-job";
import { sharedJobKinds, sharedJobSchedules } from "@edge-shared/jobs/shared-job-registry.ts";
import { createJobRegistry } from "@edge-shared/jobs/create-job-registry.ts";

/**
 * Every job kind the app knows: the shared ones (also run by the Edge Functions) plus the kinds that
 * need Node (runner "node": parsing an uploaded workbook, generating the embedded demo's data). Enqueueing validates against it; the
 * in-process worker runs it with the Node steps added (src/server/alerts/with-alert-delivery.ts);
 * with JOBS_RUNNER=edge, node kinds run in the app process that enqueued them (dispatch-job.ts).
 */
export const appJobRegistry = createJobRegistry([...sharedJobKinds, importValidate, demoData], sharedJobSchedules);
