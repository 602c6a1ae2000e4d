import { sql, type Tx } from "@/server/db";
import type { RateLimits } from "@edge-shared/sync/rate-limiter.ts";
import type { ErrorRate, SyncConnectionHealth, SyncHealthView } from "@/lib/sync-views";

interface HealthRow {
  connectionId: string;
  provider: SyncConnectionHealth["provider"];
  tenantName: string | null;
  status: SyncConnectionHealth["status"];
  lastSuccessAt: Date | null;
  lastSuccessAgeSeconds: number | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  pausedUntil: Date | null;
  rateHeadroom: unknown;
  accessExpiresAt: Date | null;
  refreshedAt: Date | null;
  refreshExpiresAt: Date | null;
  refreshAgeDays: number | null;
  recentFinished: number;
  recentFailed: number;
  dayFinished: number;
  dayFailed: number;
  now: Date;
}

/** How many of the newest finished runs the error rate looks at. */
const RECENT_RUNS = 20;

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());
const rate = (finished: number, failed: number): ErrorRate => ({ finished, failed, rate: finished === 0 ? null : failed / finished });
const headroomValue = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);

/**
 * Per connection: how long since the last success, the failed share of finished runs (the newest
 * 20, and the last 24 hours; a cancelled run is neither), Xero's remaining call allowance as last
 * reported, token expiry and refresh-token age (Xero drops a refresh token unused for 60 days; the
 * connection then needs a reconnect), and a day-limit pause. Ages come from the
 * database's clock.
 */
export async function getSyncHealth(tx: Tx, orgId: string, limits: Pick<RateLimits, "perDay" | "perMinute" | "appPerMinute">): Promise<SyncHealthView> {
  const rows = await tx.query<HealthRow>(sql`
    select c.id as "connectionId", c.provider, c.tenant_name as "tenantName", c.status,
           c.last_success_at as "lastSuccessAt",
           extract(epoch from now() - c.last_success_at)::float8 as "lastSuccessAgeSeconds",
           c.last_error as "lastError", c.last_error_at as "lastErrorAt", c.paused_until as "pausedUntil",
           c.rate_headroom as "rateHeadroom", c.token_expires_at as "accessExpiresAt", c.token_refreshed_at as "refreshedAt",
           c.token_refreshed_at + interval '60 days' as "refreshExpiresAt",
           (extract(epoch from now() - c.token_refreshed_at) / 86400)::float8 as "refreshAgeDays",
           recent.finished as "recentFinished", recent.failed as "recentFailed",
           day.finished as "dayFinished", day.failed as "dayFailed", now() as now
      from public.integration_connections c
      cross join lateral (
        select count(*)::int as finished, (count(*) filter (where x.status = 'failed'))::int as failed
          from (select r.status from public.sync_runs r
                 where r.connection_id = c.id and r.status in ('succeeded', 'partial', 'failed')
                 order by coalesce(r.finished_at, r.created_at) desc
                 limit ${RECENT_RUNS}) x) recent
      cross join lateral (
        select count(*)::int as finished, (count(*) filter (where r.status = 'failed'))::int as failed
          from public.sync_runs r
         where r.connection_id = c.id and r.status in ('succeeded', 'partial', 'failed')
           and coalesce(r.finished_at, r.created_at) >= now() - interval '24 hours') day
     where c.org_id = ${orgId}
     order by case c.status when 'connected' then 0 when 'reconnect_required' then 1 else 2 end, c.provider, c.tenant_name, c.id`);
  const now = rows[0]?.now ? new Date(rows[0].now) : new Date();
  return {
    now: now.toISOString(),
    connections: rows.map((row) => {
      const headroom = (typeof row.rateHeadroom === "object" && row.rateHeadroom !== null ? row.rateHeadroom : {}) as Record<string, unknown>;
      const at = typeof headroom.at === "string" && !Number.isNaN(Date.parse(headroom.at)) ? new Date(headroom.at).toISOString() : null;
      return {
        connectionId: row.connectionId,
        provider: row.provider,
        tenantName: row.tenantName,
        status: row.status,
        lastSuccessAt: iso(row.lastSuccessAt),
        lastSuccessAgeSeconds: row.lastSuccessAgeSeconds === null ? null : Math.max(0, Math.round(row.lastSuccessAgeSeconds)),
        lastError: row.lastError,
        lastErrorAt: iso(row.lastErrorAt),
        pausedUntil: iso(row.pausedUntil),
        errorRate: { last20: rate(row.recentFinished, row.recentFailed), last24h: rate(row.dayFinished, row.dayFailed) },
        rateHeadroom: {
          day: headroomValue(headroom.day),
          minute: headroomValue(headroom.minute),
          appMinute: headroomValue(headroom.appMinute),
          at,
          limits: { day: limits.perDay, minute: limits.perMinute, appMinute: limits.appPerMinute },
        },
        token: {
          accessExpiresAt: iso(row.accessExpiresAt),
          refreshedAt: iso(row.refreshedAt),
          refreshExpiresAt: iso(row.refreshExpiresAt),
          refreshAgeDays: row.refreshAgeDays === null ? null : Math.max(0, row.refreshAgeDays),
        },
      };
    }),
  };
}
