/**
 * Runs once when the server starts: migrates (and, in the embedded default, seeds the demo) before
 * the first request, so the first visitor does not wait for it and a broken start fails loudly.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Next.js logs a failed instrumentation hook and keeps the process up, answering nothing useful:
  // a start that cannot reach or write its database exits non-zero, with the reason, instead.
  await prepare().catch(async (error: unknown) => {
    const { logger } = await import("@/server/http/logger");
    logger.fatal({ err: error }, error instanceof Error ? error.message : "start-up failed");
    console.error(`XeroPulse could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

async function prepare() {
  const { getEngine } = await import("@/server/db");
  const { logger } = await import("@/server/http/logger");
  const started = Date.now();
  const engine = await getEngine();
  const { config } = await import("@/server/config");
  // The embedded default seeds its demo; a real server is seeded only on request (npm run db:seed).
  // A failed seed stops the start-up, as a failed migration does.
  if (engine.kind === "pglite" && config().SEED_DEMO) {
    const { seedDemo } = await import("@/server/demo/seed-demo");
    await seedDemo(engine);
  }
  logger.info({ engine: engine.kind, ms: Date.now() - started }, "database ready");
  // The embedded demo's built-in Demo Xero/XPM (a fake Xero in this process), before the worker syncs.
  const { demoXeroWanted, startDemoXero } = await import("@/server/demo/demo-xero");
  if (demoXeroWanted(config())) {
    try {
      const demo = await startDemoXero(engine);
      if (demo) {
        const fields = { url: demo.fake.url, firstConnect: demo.firstConnect, newInvoices: demo.activity.invoices };
        logger.info(fields, demo.connected ? "Demo Xero connected" : "Demo Xero started (left disconnected, as an admin chose)");
      }
    } catch (err) {
      logger.warn({ err }, "Demo Xero could not start; the demo runs without a Xero connection");
    }
  }
  // A fresh deployment (no user yet): where to create the first admin, with the one-time token.
  const { announceSetup } = await import("@/server/onboarding/announce-setup");
  await announceSetup().catch((err: unknown) => logger.error({ err }, "could not check whether first-run setup is needed"));
  // The in-process job worker (JOBS_RUNNER=worker, the default); a no-op in the other modes.
  const { startJobWorker } = await import("@/server/jobs/job-worker");
  startJobWorker();
}
