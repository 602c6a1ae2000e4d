import { sql, type Tx } from "@/server/db";
import type { SqlQuery } from "@/server/db/sql";
import type { SyncEntityCounts, SyncRunView } from "@/lib/sync-views";

interface SyncRunRow extends Omit<SyncRunView, "rows" | "requestedBy" | "retryAt" | "createdAt" | "startedAt" | "finishedAt" | "counts"> {
  counts: unknown;
  requestedById: string | null;
  requestedByEmail: string | null;
  requestedByName: string | null;
  retryAt: Date | string | null;
  createdAt: Date | string;
  startedAt: Date | string | null;
  finishedAt: Date | string | null;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** The job writes `counts`; anything that is not a number is read as 0 rather than breaking the panel. */
function countsOf(raw: unknown): Record<string, SyncEntityCounts> {
  const counts: Record<string, SyncEntityCounts> = {};
  if (typeof raw !== "object" || raw === null) return counts;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  for (const [entity, value] of Object.entries(raw as Record<string, unknown>)) {
    const c = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
    counts[entity] = { fetched: num(c.fetched), upserted: num(c.upserted), deleted: num(c.deleted) };
  }
  return counts;
}

/**
 * Sync runs as the panel and the API show them: with the connection's tenant and who asked for the
 * run. `where` filters `sync_runs r` / `integration_connections c`; `tail` orders and limits. RLS
 * (sync.read) applies; callers still filter by organization.
 */
export async function loadSyncRuns(tx: Tx, where: SqlQuery, tail: SqlQuery = sql`order by r.created_at desc, r.id desc`): Promise<SyncRunView[]> {
  const rows = await tx.query<SyncRunRow>(sql`
    select r.id, r.connection_id as "connectionId", c.provider, c.tenant_name as "tenantName", r.trigger, r.status,
           r.entities, r.full_resync as "fullResync", r.progress, r.counts, r.pages, r.api_calls as "apiCalls", r.error,
           r.retry_at as "retryAt", r.requested_by as "requestedById", p.email as "requestedByEmail",
           nullif(p.full_name, '') as "requestedByName", r.created_at as "createdAt", r.started_at as "startedAt",
           r.finished_at as "finishedAt",
           case when r.started_at is null then null
                else (extract(epoch from coalesce(r.finished_at, now()) - r.started_at) * 1000)::float8 end as "durationMs"
      from public.sync_runs r
      join public.integration_connections c on c.id = r.connection_id
      left join public.user_profiles p on p.user_id = r.requested_by
     where ${where}
     ${tail}`);
  return rows.map(({ requestedById, requestedByEmail, requestedByName, ...row }) => {
    const counts = countsOf(row.counts);
    const progress = typeof row.progress === "object" && row.progress !== null ? row.progress : {};
    return {
      ...row,
      progress,
      counts,
      rows: Object.values(counts).reduce((sum, c) => sum + c.upserted, 0),
      durationMs: row.durationMs === null ? null : Math.max(0, Math.round(row.durationMs)),
      retryAt: iso(row.retryAt),
      createdAt: iso(row.createdAt)!,
      startedAt: iso(row.startedAt),
      finishedAt: iso(row.finishedAt),
      requestedBy: requestedById ? { id: requestedById, email: requestedByEmail, name: requestedByName } : null,
    };
  });
}
