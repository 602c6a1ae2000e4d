import { getEngine, sql } from "@/server/db";
import { currentMigrationVersion } from "@/server/db/migrate";
import { config } from "@/server/config";
import { asServiceOn } from "@/server/db/transactions";
import { queueStats, type QueueStats } from "@jobs/jobs/queue.ts";

export interface DetailedHealth {
  status: "ok" | "degraded";
  database: { reachable: boolean; engine: string | null; latencyMs: number | null; migrationVersion: string | null; error?: string };
  auth: { provider: string };
  /** The job queue across organizations: backlog, the oldest due job's wait, recent failures. */
  jobs?: QueueStats & { runner: string };
  uptimeSeconds: number;
}

/** Cheap liveness: the process answers and the database takes a query. */
export async function checkHealth(): Promise<{ status: "ok" | "degraded" }> {
  try {
    const engine = await getEngine();
    await engine.transaction((tx) => tx.query(sql`select 1`));
    return { status: "ok" };
  } catch {
    return { status: "degraded" };
  }
}

export async function checkHealthDetailed(): Promise<DetailedHealth> {
  const started = performance.now();
  const base = { auth: { provider: config().AUTH_PROVIDER }, uptimeSeconds: Math.round(process.uptime()) };
  try {
    const engine = await getEngine();
    const migrationVersion = await currentMigrationVersion(engine);
    const latencyMs = Math.round(performance.now() - started);
    const jobs = { runner: config().JOBS_RUNNER, ...(await asServiceOn(engine, queueStats)) };
    return {
      status: "ok",
      database: { reachable: true, engine: engine.kind, latencyMs, migrationVersion },
      ...base,
      jobs,
    };
  } catch {
    return {
      status: "degraded",
      database: { reachable: false, engine: null, latencyMs: null, migrationVersion: null, error: "The database is not reachable" },
      ...base,
    };
  }
}
