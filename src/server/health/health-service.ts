import { getEngine, sql, type CallerDb } from "@/server/db";
import { currentMigrationVersion } from "@/server/db/migrate";
import { config } from "@/server/config";
import { asServiceOn } from "@/server/db/transactions";
import { queueStats, type QueueStats } from "@edge-shared/jobs/queue.ts";
import { runtimeStats, type RuntimeStats } from "./runtime-stats";

export interface DetailedHealth {
  status: "ok" | "degraded";
  /** Whose figures `jobs` holds: one organization's, or the whole deployment's (operators only). */
  scope: "organization" | "deployment";
  database: { reachable: boolean; engine: string | null; latencyMs: number | null; migrationVersion: string | null; error?: string };
  auth: { provider: string };
  /** The job queue (of the scope): backlog, the oldest due job's wait, recent failures. */
  jobs?: QueueStats & { runner: string };
  /** This process's memory and event-loop delay: the deployment's operators only. */
  process?: RuntimeStats;
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

/**
 * An organization's admins see its own jobs, read as themselves (RLS applies too); the
 * deployment's operators see every organization's.
 */
export type HealthScope = { kind: "organization"; orgId: string; db: CallerDb } | { kind: "deployment" };

export async function checkHealthDetailed(scope: HealthScope): Promise<DetailedHealth> {
  const started = performance.now();
  const base = {
    scope: scope.kind,
    auth: { provider: config().AUTH_PROVIDER },
    ...(scope.kind === "deployment" ? { process: runtimeStats() } : {}),
    uptimeSeconds: Math.round(process.uptime()),
  };
  try {
    const engine = await getEngine();
    const migrationVersion = await currentMigrationVersion(engine);
    const latencyMs = Math.round(performance.now() - started);
    const stats = scope.kind === "organization" ? await scope.db((tx) => queueStats(tx, scope.orgId)) : await asServiceOn(engine, (tx) => queueStats(tx));
    const jobs = { runner: config().JOBS_RUNNER, ...stats };
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
