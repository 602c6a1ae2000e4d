/**
 * Runs once when the server starts: migrates (and, in the embedded default, seeds the demo's
 * accounts) before the first request, so a broken start fails loudly. The demo's bulk data is a
 * job the worker runs once the server answers; Demo Xero connects when that data is in.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Next.js logs a failed instrumentation hook and keeps the process up, answering nothing useful:
  // a start that cannot reach or write its database exits non-zero, with the reason, instead.
  // Only console here: the logger reads the configuration, which may be what failed.
  await prepare().catch((error: unknown) => {
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
  const seeding = engine.kind === "pglite" && config().SEED_DEMO;
  if (seeding) {
    const { seedDemoInBackground } = await import("@/server/demo/seed-demo-in-background");
    await seedDemoInBackground(engine);
  }
  logger.info({ engine: engine.kind, ms: Date.now() - started }, "database ready");
  // A fresh deployment (no user yet): where to create the first admin, with the one-time token.
  const { announceSetup } = await import("@/server/onboarding/announce-setup");
  await announceSetup().catch((err: unknown) => logger.error({ err }, "could not check whether first-run setup is needed"));
  // The embedded demo's built-in Demo Xero/XPM (a fake Xero in this process), in the background, so
  // sign-in does not wait for it. On the first start it waits for the data it mirrors. On a restart
  // it is rebuilt from the seed record its connection keeps, and the job worker starts only once it
  // is back: a sync run cut off by the restart would otherwise resume against a Xero that is not
  // there yet, with tokens the new fake never issued.
  const { demoXeroWanted } = await import("@/server/demo/demo-xero");
  const { demoXeroConnectedBefore } = await import("@/server/demo/demo-xero-connected-before");
  const demoXero = demoXeroWanted(config());
  const restart = demoXero && (await demoXeroConnectedBefore(engine));
  // The in-process job worker (JOBS_RUNNER=worker, the default); a no-op in the other modes, where
  // the demo data (a "node" job) is drained in this process instead.
  const { startJobWorker } = await import("@/server/jobs/job-worker");
  if (!restart) startJobWorker();
  if (seeding) {
    const { runNodeJobsSoon } = await import("@/server/jobs/node-jobs");
    runNodeJobsSoon();
  }
  if (demoXero) void startDemoXeroWhenReady(engine, logger, { waitForData: !restart }).finally(() => {
      if (restart) startJobWorker();
    });
}

type Engine = Awaited<ReturnType<typeof import("@/server/db").getEngine>>;
type Logger = (typeof import("@/server/http/logger"))["logger"];

async function startDemoXeroWhenReady(engine: Engine, logger: Logger, options: { waitForData: boolean }) {
  const { asServiceOn } = await import("@/server/db/transactions");
  const { demoDataPreparing } = await import("@/server/demo/demo-data-preparing");
  const { startDemoXero } = await import("@/server/demo/demo-xero");
  try {
    while (options.waitForData && (await asServiceOn(engine, (tx) => demoDataPreparing(tx)))) await new Promise((r) => setTimeout(r, 500));
    const demo = await startDemoXero(engine);
    if (demo) {
      const fields = { url: demo.fake.url, firstConnect: demo.firstConnect, newInvoices: demo.activity.invoices };
      logger.info(fields, demo.connected ? "Demo Xero connected" : "Demo Xero started (left disconnected, as an admin chose)");
    }
  } catch (err) {
    logger.warn({ err }, "Demo Xero could not start; the demo runs without a Xero connection");
  }
}
