/**
 * What one sync run works with: the connection's checkpoints, the HTTP options every Xero call shares
 * (tenant, tokens, limiter, a counting fetch, headroom), and `commit`, which writes one batch of rows
 * together with the checkpoints it reaches, the run's counts and its progress in ONE transaction.
 * A run that dies between batches therefore resumes exactly after the last batch that committed.
 */
import type { JobTx } from "../db/database.ts";
import { sql } from "../db/sql.ts";
import type { XeroHttpOptions } from "./xero-http.ts";

/** Where an entity's sync stands (kept per connection in integration_connections.checkpoints). */
export interface EntityCheckpoint {
  /** If-Modified-Since of the next incremental pass (ISO). */
  since?: string | null;
  /** Set while a paged pass is under way: the next page to fetch, with the pass's own parameters. */
  page?: number;
  passSince?: string | null;
  passMax?: string | null;
  /** When the last full read finished (ISO): a full resync is due SYNC_FULL_RESYNC_HOURS later. */
  lastFullAt?: string | null;
  /** The run that last completed this entity (a retried run skips what it already finished). */
  lastRunId?: string;
  /** XPM jobs whose costs still have to be read in this pass. */
  pending?: { external_id: string; job_number: string }[];
}
export type Checkpoints = Record<string, EntityCheckpoint>;

export interface EntityCounts {
  fetched: number;
  upserted: number;
  deleted: number;
}

export interface BatchProgress {
  /** 0–1 across the whole run. */
  fraction: number;
  entity: string;
  message: string;
}

export interface SyncScope {
  orgId: string;
  runId: string;
  connectionId: string;
  currency: string;
  lastSuccessAt: Date | null;
  /** The run asked for a full read regardless of checkpoints. */
  forceFull: boolean;
  entities: readonly string[] | null;
  fullResyncMs: number;
  pageSize: number;
  xpmWindowDays: number;
  now: () => number;
  http: XeroHttpOptions;
  checkpoints: Checkpoints;
  /**
   * `work` may return more checkpoints it could only work out inside the transaction (XPM jobs
   * decide which costs are pending); they are stored with `next`.
   */
  commit(entity: string, next: Checkpoints, work: (tx: JobTx) => Promise<EntityCounts & { checkpoints?: Checkpoints }>, progress: BatchProgress): Promise<void>;
}

/** Whether this entity's next pass reads everything (first sync, forced, or the periodic resync). */
export function fullReadDue(scope: Pick<SyncScope, "forceFull" | "fullResyncMs" | "now">, cp: EntityCheckpoint | undefined): boolean {
  if (scope.forceFull || !cp?.lastFullAt) return true;
  return scope.now() - Date.parse(cp.lastFullAt) >= scope.fullResyncMs;
}

export interface RunTally {
  counts: Record<string, EntityCounts>;
  pages: number;
  apiCalls: number;
  headroom: { day: number | null; minute: number | null; appMinute: number | null; at: string } | null;
}

/**
 * The batch writer behind `SyncScope.commit`: `batch` is the job's lease-checked transaction.
 * Checkpoints are merged per entity, so entities never overwrite each other's state.
 */
export function createCommit(
  batch: <T>(fn: (tx: JobTx) => Promise<T>, progress?: { done: number; total?: number; message?: string }) => Promise<T>,
  ids: { runId: string; connectionId: string },
  tally: RunTally,
  checkpoints: Checkpoints,
): SyncScope["commit"] {
  return async (entity, next, work, progress) => {
    const percent = Math.max(0, Math.min(99, Math.round(progress.fraction * 100)));
    const { counts, reached } = await batch(
      async (tx) => {
        const c = await work(tx);
        const reached = { ...next, ...c.checkpoints };
        const counts = { ...tally.counts };
        const before = counts[entity] ?? { fetched: 0, upserted: 0, deleted: 0 };
        counts[entity] = { fetched: before.fetched + c.fetched, upserted: before.upserted + c.upserted, deleted: before.deleted + c.deleted };
        await tx.query(sql`
          update public.integration_connections
          set checkpoints = checkpoints || ${JSON.stringify(reached)}::jsonb,
              rate_headroom = coalesce(${tally.headroom ? JSON.stringify(tally.headroom) : null}::jsonb, rate_headroom)
          where id = ${ids.connectionId}`);
        await tx.query(sql`
          update public.sync_runs
          set counts = ${JSON.stringify(counts)}::jsonb, pages = ${tally.pages + 1}, api_calls = ${tally.apiCalls},
              progress = ${JSON.stringify({ percent, entity: progress.entity, message: progress.message })}::jsonb
          where id = ${ids.runId}`);
        return { counts, reached };
      },
      { done: percent, total: 100, message: progress.message },
    );
    // Only once the batch committed does the in-memory state move on.
    tally.counts = counts;
    tally.pages += 1;
    Object.assign(checkpoints, reached);
  };
}
