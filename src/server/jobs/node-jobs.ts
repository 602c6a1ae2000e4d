import { after } from "next/server";
import { hostname } from "node:os";
import { config } from "@/server/config";
import { logger } from "@/server/http/logger";
import { importFileStore } from "@/server/storage/import-files";
import { drainJobs } from "@edge-shared/jobs/worker.ts";
import { appJobRegistry } from "./app-job-registry";
import { jobDatabase } from "./job-database";

/** Up to this long per drain: inside Vercel's function limit, long enough for a 200,000-row validation. */
const DRAIN_MS = 240_000;

let chain: Promise<unknown> = Promise.resolve();

/**
 * Without the in-process worker (JOBS_RUNNER=edge or off) nothing else would run the "node" kinds
 * (validating an upload), so the request that enqueued one drains them in this process once the
 * response is sent (next/server `after`, which keeps a serverless function alive for it). It also
 * picks up any node job whose process died (its lease ran out), which is why reading a validating
 * import calls it too. Drains are chained, so a job enqueued during one is seen by the next.
 */
export function runNodeJobsSoon(): void {
  if (config().JOBS_RUNNER === "worker") return;
  const drain = () => {
    chain = chain
      .then(() =>
        drainJobs({
          db: jobDatabase(),
          registry: appJobRegistry,
          kinds: appJobRegistry.kindsFor("node").filter((k) => appJobRegistry.get(k)?.runner === "node"),
          workerId: `${hostname()}:${process.pid}/node-jobs`,
          leaseSeconds: config().JOBS_LEASE_SECONDS,
          deadline: Date.now() + DRAIN_MS,
          services: { importFiles: importFileStore() },
        }),
      )
      .catch((err: unknown) => logger.error({ err }, "running node jobs failed"));
    return chain;
  };
  try {
    after(drain);
  } catch {
    // Outside a request (scripts, tests): run now, in the background.
    void drain();
  }
}
