/**
 * Runs once when the server starts: migrates (and, in the embedded default, seeds the demo) before
 * the first request, so the first visitor does not wait for it and a broken start fails loudly.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEngine } = await import("@/server/db");
  const { logger } = await import("@/server/http/logger");
  const started = Date.now();
  const engine = await getEngine();
  logger.info({ engine: engine.kind, ms: Date.now() - started }, "database ready");
  // The in-process job worker (JOBS_RUNNER=worker, the default); a no-op in the other modes.
  const { startJobWorker } = await import("@/server/jobs/job-worker");
  startJobWorker();
}
