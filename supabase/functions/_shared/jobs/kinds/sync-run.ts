import { z } from "zod";
import type { JobDatabase } from "../../db/database.ts";
import { sql } from "../../db/sql.ts";
import { RateLimiter } from "../../sync/rate-limiter.ts";
import { DayLimitReached, SyncError } from "../../sync/sync-errors.ts";
import { createCommit, type Checkpoints, type RunTally, type SyncScope } from "../../sync/sync-scope.ts";
import { runtimeEnv, syncSettingsFromEnv, type SyncSettings } from "../../sync/sync-settings.ts";
import { syncXero } from "../../sync/sync-xero.ts";
import { syncXpm } from "../../sync/sync-xpm.ts";
import { markReconnectRequired, tokenSource } from "../../sync/token-store.ts";
import { JobStopped, PermanentJobError } from "../errors.ts";
import { defineJobKind, type JobContext } from "../job-kind.ts";
import type { JobSchedule } from "../create-job-registry.ts";

const payload = z
  .object({
    connectionId: z.uuid(),
    /** Manual and webhook runs exist before their job (app_private.request_sync_run); scheduled ones are created here. */
    syncRunId: z.uuid().optional(),
    trigger: z.enum(["manual", "schedule", "webhook"]).default("schedule"),
  })
  .strict();
type Payload = z.output<typeof payload>;

export interface SyncRunDeps {
  settings?: SyncSettings;
  limiter?: RateLimiter;
  fetch?: typeof fetch;
  now?: () => number;
}

interface ConnectionRecord {
  id: string;
  org_id: string;
  provider: "xero" | "xpm";
  tenant_id: string;
  token_set_id: string | null;
  status: string;
  checkpoints: Checkpoints;
  last_success_at: Date | string | null;
  currency: string;
  base_currency: string | null;
}

interface RunRecord {
  id: string;
  status: string;
  entities: string[] | null;
  full_resync: boolean;
}

// One limiter per process and limits: concurrent runs of one tenant share its allowance.
const limiters = new Map<string, RateLimiter>();
function sharedLimiter(settings: SyncSettings): RateLimiter {
  const key = JSON.stringify(settings.limits);
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new RateLimiter(settings.limits);
    limiters.set(key, limiter);
  }
  return limiter;
}

/** The run this job works on: the one it was enqueued for, or (schedule) its own or a new one unless another is active. */
async function claimRun(db: JobDatabase, p: Payload, jobId: string): Promise<{ run: RunRecord; connection: ConnectionRecord } | null> {
  return db.transaction(async (tx) => {
    const connection = await tx.maybeOne<ConnectionRecord>(sql`
      select c.id, c.org_id, c.provider, c.tenant_id, c.token_set_id, c.status, c.checkpoints, c.last_success_at, o.currency, c.base_currency
      from public.integration_connections c join public.organizations o on o.id = c.org_id
      where c.id = ${p.connectionId} for update of c`);
    if (!connection) return null;
    let run: RunRecord | undefined;
    if (p.syncRunId) {
      run = await tx.maybeOne<RunRecord>(sql`
        select id, status, entities, full_resync from public.sync_runs where id = ${p.syncRunId} and connection_id = ${connection.id}`);
      if (!run || !["queued", "running"].includes(run.status)) return null;
    } else {
      // A retry of this job (its process killed mid-run) resumes the run the job created: that run
      // is the active one, and inserting another would find it and give up, leaving it running for ever.
      run = await tx.maybeOne<RunRecord>(sql`
        select id, status, entities, full_resync from public.sync_runs
        where connection_id = ${connection.id} and job_id = ${jobId} and status in ('queued', 'running')`);
      if (!run) {
        if (connection.status !== "connected") return null;
        run = await tx.maybeOne<RunRecord>(sql`
          insert into public.sync_runs (org_id, connection_id, trigger, job_id)
          values (${connection.org_id}, ${connection.id}, ${p.trigger}, ${jobId})
          on conflict (connection_id) where status in ('queued', 'running') do nothing
          returning id, status, entities, full_resync`);
      }
      if (!run) return null;
    }
    // The organization's currency changed after connecting: figures in two currencies would be added
    // up as one, so the connection waits for an admin's decision again (Settings › Integrations).
    if (connection.status === "connected" && connection.base_currency && connection.base_currency !== connection.currency) {
      await tx.query(sql`update public.integration_connections set status = 'currency_mismatch' where id = ${connection.id}`);
      connection.status = "currency_mismatch";
    }
    if (connection.status !== "connected") {
      const error =
        connection.status === "currency_mismatch"
          ? `This Xero organization keeps its books in ${connection.base_currency}, the organization uses ${connection.currency}: an admin chooses the currency in Settings › Integrations`
          : "The connection is not connected";
      await tx.query(sql`update public.sync_runs set status = 'cancelled', finished_at = now(), error = ${error} where id = ${run.id}`);
      return null;
    }
    await tx.query(sql`update public.sync_runs set status = 'running', started_at = coalesce(started_at, now()), job_id = ${jobId}, error = null
                       where id = ${run.id}`);
    return { run, connection };
  });
}

async function finishRun(
  db: JobDatabase,
  ids: { runId: string; connectionId: string; orgId: string; provider: string },
  tally: RunTally,
  outcome: { status: "succeeded" | "partial" | "failed" | "cancelled" | "queued"; error?: string; retryAt?: number; connection?: "reconnect_required" },
) {
  await db.transaction(async (tx) => {
    const finished = outcome.status !== "queued";
    const progress = outcome.status === "succeeded" ? { percent: 100, message: "Done" } : null;
    await tx.query(sql`
      update public.sync_runs
      set status = ${outcome.status}, error = ${outcome.error ?? null}, api_calls = ${tally.apiCalls},
          retry_at = ${outcome.retryAt ? new Date(outcome.retryAt).toISOString() : null},
          finished_at = ${finished ? sql`now()` : sql`null`},
          progress = coalesce(${progress ? JSON.stringify(progress) : null}::jsonb, progress)
      where id = ${ids.runId}`);
    const headroom = tally.headroom ? JSON.stringify(tally.headroom) : null;
    if (outcome.status === "succeeded") {
      await tx.query(sql`
        update public.integration_connections
        set last_success_at = now(), last_error = null, last_error_at = null, paused_until = null,
            rate_headroom = coalesce(${headroom}::jsonb, rate_headroom)
        where id = ${ids.connectionId}`);
    } else if (outcome.error) {
      await tx.query(sql`
        update public.integration_connections
        set last_error = ${outcome.error}, last_error_at = now(),
            paused_until = ${outcome.retryAt ? new Date(outcome.retryAt).toISOString() : null},
            status = coalesce(${outcome.connection ?? null}::text, status),
            rate_headroom = coalesce(${headroom}::jsonb, rate_headroom)
        where id = ${ids.connectionId}`);
    }
  });
}

async function runSync(ctx: JobContext<Payload>, deps: SyncRunDeps) {
  const settings = deps.settings ?? syncSettingsFromEnv(runtimeEnv);
  const limiter = deps.limiter ?? sharedLimiter(settings);
  const now = deps.now ?? Date.now;
  const claimed = await claimRun(ctx.db, ctx.payload, ctx.job.id);
  if (!claimed) return { skipped: "no active run for this job (finished, cancelled, or another run is active)" };
  const { run, connection } = claimed;
  const ids = { runId: run.id, connectionId: connection.id, orgId: connection.org_id, provider: connection.provider };
  const tally: RunTally = { counts: {}, pages: 0, apiCalls: 0, headroom: null };
  const baseFetch = deps.fetch ?? fetch;
  const countingFetch: typeof fetch = (input, init) => {
    tally.apiCalls++;
    return baseFetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, ctx.signal]) : ctx.signal });
  };

  try {
    if (!connection.token_set_id) throw new SyncError("reconnect_required", "This connection has no stored tokens; connect it again.", false);
    const tokens = await tokenSource(ctx.db, settings, connection.token_set_id, { fetch: countingFetch, now });
    const checkpoints: Checkpoints = { ...connection.checkpoints };
    const scope: SyncScope = {
      orgId: connection.org_id,
      runId: run.id,
      connectionId: connection.id,
      currency: connection.currency,
      lastSuccessAt: connection.last_success_at ? new Date(connection.last_success_at) : null,
      forceFull: run.full_resync,
      entities: run.entities,
      fullResyncMs: settings.fullResyncMs,
      pageSize: settings.pageSize,
      xpmWindowDays: settings.xpmWindowDays,
      now,
      checkpoints,
      http: {
        tenantId: connection.tenant_id,
        tokens,
        limiter,
        fetch: countingFetch,
        onHeadroom: (h) => void (tally.headroom = { ...h, at: new Date(now()).toISOString() }),
      },
      commit: createCommit(ctx.batch, ids, tally, checkpoints),
    };
    if (connection.provider === "xero") await syncXero(scope, settings.accountingUrl);
    else await syncXpm(scope, settings.xpmUrl);
    await finishRun(ctx.db, ids, tally, { status: "succeeded" });
    return { syncRunId: run.id, status: "succeeded", pages: tally.pages, apiCalls: tally.apiCalls, counts: tally.counts };
  } catch (error) {
    if (error instanceof JobStopped) {
      // Cancelled: the run ends here. Shutdown or a lost lease: the job runs again and resumes the run.
      if (error.reason === "cancelled") await finishRun(ctx.db, ids, tally, { status: "cancelled", error: "Cancelled" });
      throw error;
    }
    if (error instanceof DayLimitReached) {
      const retryAt = Number((error.details as { retryAt?: number } | undefined)?.retryAt ?? now() + 3_600_000);
      await finishRun(ctx.db, ids, tally, { status: "partial", error: error.message, retryAt });
      return { syncRunId: run.id, status: "partial", retryAt: new Date(retryAt).toISOString() };
    }
    const sync = error instanceof SyncError ? error : null;
    const message = sync?.message ?? `The sync stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
    if (sync?.code === "reconnect_required" || sync?.code === "tenant_forbidden" || sync?.code === "token_decrypt_failed") {
      if (connection.token_set_id && sync.code === "reconnect_required") await markReconnectRequired(ctx.db, connection.token_set_id, message);
      await finishRun(ctx.db, ids, tally, { status: "failed", error: message, connection: "reconnect_required" });
      throw new PermanentJobError(message);
    }
    const retryable = sync ? sync.retryable : true;
    const lastAttempt = ctx.job.attempt >= ctx.job.maxAttempts;
    if (!retryable || lastAttempt) {
      await finishRun(ctx.db, ids, tally, { status: "failed", error: message });
      throw new PermanentJobError(message);
    }
    // The job retries with backoff and the run resumes from its checkpoints.
    await finishRun(ctx.db, ids, tally, { status: "queued", error: `${message} Retrying (attempt ${ctx.job.attempt} of ${ctx.job.maxAttempts}).` });
    throw error;
  }
}

/** The sync kind; tests and the benchmark pass their own settings, limiter and fetch. */
export function createSyncRunKind(deps: SyncRunDeps = {}) {
  return defineJobKind({
    kind: "sync.run",
    runner: "sync-run",
    // A sync's result holds record counts and errors from Xero: what the Sync panel shows.
    readPermission: "sync.read",
    payload,
    maxAttempts: 5,
    run: (ctx) => runSync(ctx, deps),
  });
}

export const syncRun = createSyncRunKind();

function scheduleMinutes(): number {
  try {
    return syncSettingsFromEnv(runtimeEnv).scheduleMinutes;
  } catch {
    return 15;
  }
}

/** Every connected, unpaused connection, every SYNC_SCHEDULE_MINUTES (0: never). */
export const syncIntegrationsSchedule: JobSchedule = {
  name: "sync.integrations",
  runner: "sync-run",
  everySeconds: Math.max(1, scheduleMinutes()) * 60,
  async plan(tx) {
    if (scheduleMinutes() === 0) return [];
    const connections = await tx.query<{ id: string; org_id: string }>(sql`
      select id, org_id from public.integration_connections
      where status = 'connected' and token_set_id is not null and (paused_until is null or paused_until <= now())`);
    return connections.map((c) => ({ orgId: c.org_id, kind: "sync.run", payload: { connectionId: c.id, trigger: "schedule" }, key: c.id }));
  },
};
