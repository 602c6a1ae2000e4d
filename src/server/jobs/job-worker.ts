import { hostname } from "node:os";
import { config } from "@/server/config";
import { inFlightRequests } from "@/server/http/in-flight-requests";
import { logger } from "@/server/http/logger";
import { importFileStore } from "@/server/storage/import-files";
import { startWorker, type RunningWorker } from "@edge-shared/jobs/worker.ts";
import { withAlertDelivery } from "@/server/alerts/with-alert-delivery";
import { appJobRegistry } from "./app-job-registry";
import { jobDatabase } from "./job-database";

const holder = globalThis as typeof globalThis & { __xeropulseJobWorker?: RunningWorker };

/**
 * The in-process worker of the embedded default and self-hosting (JOBS_RUNNER=worker): started once
 * per process from instrumentation, it runs every registered kind and enqueues the schedules. On
 * SIGTERM/SIGINT it stops claiming, lets running jobs (and requests in flight) finish for a grace period and releases the
 * leases of those that do not, so another process picks them up without spending an attempt.
 */
export function startJobWorker(): RunningWorker | undefined {
  const env = config();
  if (env.JOBS_RUNNER !== "worker" || holder.__xeropulseJobWorker) return holder.__xeropulseJobWorker;
  const log = logger.child({ component: "jobs" });
  const workerRegistry = withAlertDelivery(appJobRegistry);
  const worker = startWorker({
    db: jobDatabase(),
    registry: workerRegistry,
    kinds: "all",
    schedules: workerRegistry.schedulesFor("all"),
    services: { importFiles: importFileStore() },
    workerId: `${hostname()}:${process.pid}`,
    concurrency: env.JOBS_CONCURRENCY,
    leaseSeconds: env.JOBS_LEASE_SECONDS,
    log: (event, fields) => log.warn(fields, event),
  });
  holder.__xeropulseJobWorker = worker;
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, requests: inFlightRequests.count }, "stopping the job worker and letting requests in flight finish");
    // Both within 10 s: running jobs finish or release their leases, answers in progress are written.
    void Promise.allSettled([
      worker.stop(10_000).catch((err: unknown) => log.error({ err }, "job worker did not stop cleanly")),
      inFlightRequests.drained(10_000),
    ]).finally(() => process.exit(0));
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  log.info({ concurrency: env.JOBS_CONCURRENCY }, "job worker started");
  return worker;
}
