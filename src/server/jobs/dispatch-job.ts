import { config } from "@/server/config";
import { logger } from "@/server/http/logger";
import type { JobRegistry } from "@edge-shared/jobs/create-job-registry.ts";
import { appJobRegistry } from "./app-job-registry";
import { runNodeJobsSoon } from "./node-jobs";
import type { EnqueuedJob } from "./enqueue-job";

/**
 * With JOBS_RUNNER=edge, wakes the job's Edge Function right after the enqueueing transaction
 * committed (before commit the function could not see the job). A failed invoke loses nothing:
 * the job stays queued and pg_cron's per-minute drain runs it. Other modes: the worker polls.
 */
export async function dispatchJob(job: EnqueuedJob, registry: JobRegistry = appJobRegistry): Promise<void> {
  if (config().JOBS_RUNNER !== "edge" || !job.created) return;
  const kind = registry.get(job.kind);
  if (!kind) return;
  if (kind.runner === "node") return runNodeJobsSoon();
  // Loaded only in edge mode: the Supabase client is not needed (nor loaded) by the other runners.
  const { invokeEdgeFunction } = await import("@/server/auth/supabase/invoke-edge-function");
  const error = await invokeEdgeFunction(kind.runner, { jobId: job.id }).catch((e: unknown) => String(e));
  if (error) logger.warn({ jobId: job.id, kind: job.kind, err: error }, "edge function invoke failed; pg_cron will pick the job up");
}
