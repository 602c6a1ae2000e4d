import { sql, type Tx } from "@/server/db";
import type { SyncConnectionStatus, SyncStatusView } from "@/lib/sync-views";
import { loadSyncRuns } from "./load-sync-runs";

interface ConnectionRow {
  id: string;
  provider: SyncConnectionStatus["provider"];
  tenantId: string;
  tenantName: string | null;
  status: SyncConnectionStatus["status"];
  connectedAt: Date;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  pausedUntil: Date | null;
  tokenExpiresAt: Date | null;
  now: Date;
}

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());

/**
 * The organization's connections (connected first), each with its queued or running run (with its
 * progress) and its newest finished run. This is what the panel polls while a sync runs.
 */
export async function getSyncStatus(tx: Tx, orgId: string): Promise<SyncStatusView> {
  const connections = await tx.query<ConnectionRow>(sql`
    select id, provider, tenant_id as "tenantId", tenant_name as "tenantName", status, connected_at as "connectedAt",
           last_success_at as "lastSuccessAt", last_error as "lastError", last_error_at as "lastErrorAt",
           paused_until as "pausedUntil", token_expires_at as "tokenExpiresAt", now() as now
      from public.integration_connections
     where org_id = ${orgId}
     order by case status when 'connected' then 0 when 'reconnect_required' then 1 else 2 end, provider, tenant_name, id`);
  const active = await loadSyncRuns(tx, sql`r.org_id = ${orgId} and r.status in ('queued', 'running')`);
  const last = await loadSyncRuns(
    tx,
    sql`r.id in (select distinct on (f.connection_id) f.id from public.sync_runs f
                  where f.org_id = ${orgId} and f.status not in ('queued', 'running')
                  order by f.connection_id, coalesce(f.finished_at, f.created_at) desc, f.created_at desc)`,
  );
  const activeBy = new Map(active.map((run) => [run.connectionId, run]));
  const lastBy = new Map(last.map((run) => [run.connectionId, run]));
  return {
    now: (connections[0]?.now ? new Date(connections[0].now) : new Date()).toISOString(),
    connections: connections.map(({ now: _now, ...c }) => ({
      ...c,
      connectedAt: new Date(c.connectedAt).toISOString(),
      lastSuccessAt: iso(c.lastSuccessAt),
      lastErrorAt: iso(c.lastErrorAt),
      pausedUntil: iso(c.pausedUntil),
      tokenExpiresAt: iso(c.tokenExpiresAt),
      activeRun: activeBy.get(c.id) ?? null,
      lastRun: lastBy.get(c.id) ?? null,
    })),
  };
}
