import type { JobTx } from "../db/database.ts";
import { sql } from "../db/sql.ts";

/** An evaluation that escalates more POs than this sends each recipient one digest instead. */
export const DIGEST_THRESHOLD = 10;

/** Evaluations in a row below warning before an alert resolves (hysteresis against flapping). */
export const RESOLVE_AFTER_EVALUATIONS = 2;

/** First key of the per-organization advisory lock (the second is a hash of the org id). */
const LOCK_CLASS = 0x0a1e47;

export interface AlertEvaluationResult {
  /** POs whose alert could change: those with an alert, and open ones at or above warning (the rest need nothing). */
  evaluated: number;
  opened: number;
  /** New alerts of POs whose previous alert had resolved. */
  reopened: number;
  escalated: number;
  deEscalated: number;
  resolved: number;
  /** POs whose level rose above anything their alert had reached (each one emailed, or digested). */
  notifiedPos: number;
  /** Notification rows recorded (one per PO, level and recipient). */
  notifications: number;
  digest: boolean;
}

export interface AlertEvaluationInput {
  orgId: string;
  /** Absent: the whole organization. */
  poIds?: readonly string[];
  /** Recorded on the events and notifications it writes (the job id). */
  evaluationId: string;
}

// Levels by rank: on_track 0, warning 1, critical 2, over_budget 3.
const LEVEL = sql`(array['on_track', 'warning', 'critical', 'over_budget'])`;

/**
 * Evaluates the alerts of one organization's POs in one set-based statement (no per-PO queries):
 * levels from the organization's thresholds (inclusive boundaries; order value 0 with any spend is
 * over_budget), then for every PO in scope at once: open an alert on the first rise above on_track
 * (a regression when the PO had a resolved one), escalate or de-escalate, count evaluations below
 * warning and resolve at the second, resolve when the PO is closed or cancelled; write the timeline
 * events; and record one notification per recipient for every PO whose level rose above the highest
 * its alert had reached (members with alerts.acknowledge who have not opted out; a digest when more
 * than DIGEST_THRESHOLD POs rose). The emails themselves are sent by the Node side.
 *
 * Race-safe and idempotent: a transaction-scoped advisory lock per organization serializes
 * evaluations, so a second one (concurrent or repeated) sees the first one's outcome and changes
 * nothing; the unique indexes (one active alert per PO, one notification per alert, level and
 * recipient) back that up. Call inside the job's batch transaction.
 */
export async function evaluateAlerts(tx: JobTx, input: AlertEvaluationInput): Promise<AlertEvaluationResult> {
  await tx.query(sql`select pg_advisory_xact_lock(${LOCK_CLASS}::int, hashtext(${input.orgId}::text))::text as locked`);
  // For this transaction only. JIT: the statement's estimated cost (every CTE counted at 100k rows)
  // is far past jit_above_cost, and PostgreSQL spent ~240 ms compiling expressions for a ~200 ms
  // execution, 3× the same work without it (measured with EXPLAIN ANALYZE, bench/alerts.ts).
  // work_mem: the materialized candidates (one row per PO with an alert, ~5 MB at 37,500 alerts)
  // spilled to a temp file at the default 4 MB. PGlite has no JIT; both settings are harmless there.
  await tx.query(sql`select set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`);
  // The POs in scope as a set the planner can hash or probe by index. One text parameter, not a
  // uuid[]: PGlite serializes a 1,000-element array parameter ~15× slower.
  const scoped = input.poIds
    ? sql`scoped as (select distinct unnest(string_to_array(${[...new Set(input.poIds)].join(",")}::text, ','))::uuid as id),`
    : sql``;
  const inScope = input.poIds ? sql`and p.id in (select id from scoped)` : sql``;
  // A few POs: probe each one's active alert through the one-per-PO index (a plan that needs no table
  // statistics: PGlite has no autovacuum to gather them). The whole organization: one hash join.
  const activeAlert = input.poIds
    ? sql`left join lateral (select a.* from public.alerts a where a.po_id = p.id and a.status <> 'resolved') a on true`
    : sql`left join active a on a.po_id = p.id`;
  const org = sql`${input.orgId}::uuid`;
  const evaluation = sql`${input.evaluationId}::uuid`;
  // The thresholds as parameters: the statement then needs no join per PO to read them.
  const thresholds = await tx.maybeOne<{ w: string; c: string; b: string }>(sql`
    select alert_warning_pct::text as w, alert_critical_pct::text as c, alert_over_budget_pct::text as b
      from public.organizations where id = ${org}`);
  if (!thresholds) return { evaluated: 0, opened: 0, reopened: 0, escalated: 0, deEscalated: 0, resolved: 0, notifiedPos: 0, notifications: 0, digest: false };
  const [w, c, b] = [sql`${thresholds.w}::numeric`, sql`${thresholds.c}::numeric`, sql`${thresholds.b}::numeric`];
  const rank = (level: string) => sql`(case ${sql([level])} when 'warning' then 1 when 'critical' then 2 when 'over_budget' then 3 else 0 end)`;
  const row = await tx.one<AlertEvaluationResult>(sql`
    with ${scoped} active as (
      select a.id, a.po_id, a.level, a.peak_level, a.below_warning_streak, a.utilization_percent
        from public.alerts a
       where a.org_id = ${org} and a.status <> 'resolved'
    ), candidates as (
      -- Only POs whose alert state can change: those with an alert, and open ones at or above warning.
      select p.id as po_id, p.status as po_status, p.order_value, p.spent, p.utilization_percent as pct,
             case when p.order_value = 0 then (case when p.spent > 0 then 3 else 0 end)
                  when p.utilization_percent >= ${b} then 3
                  when p.utilization_percent >= ${c} then 2
                  when p.utilization_percent >= ${w} then 1
                  else 0 end as new_rank,
             a.id as alert_id, a.level as alert_level, a.below_warning_streak as streak, a.utilization_percent as alert_pct,
             ${rank("a.level")} as old_rank, ${rank("a.peak_level")} as peak_rank
        from public.purchase_orders p
        ${activeAlert}
       where p.org_id = ${org} ${inScope}
         and (a.id is not null
              or (p.status = 'open' and (p.utilization_percent >= ${w} or (p.order_value = 0 and p.spent > 0))))
    ), decided as (
      select * from (
        select cd.*, ${LEVEL}[cd.new_rank + 1] as new_level,
               case
                 when cd.alert_id is null then (case when cd.new_rank > 0 then 'open' end)
                 when cd.po_status <> 'open' then 'resolve'
                 when cd.new_rank = 0 and cd.streak + 1 >= ${RESOLVE_AFTER_EVALUATIONS} then 'resolve'
                 when cd.new_rank = 0 then 'recover'
                 when cd.new_rank > cd.old_rank then 'escalate'
                 when cd.new_rank < cd.old_rank then 'de_escalate'
                 when cd.alert_pct is distinct from cd.pct then 'touch'
               end as action
          from candidates cd) x
       where x.action is not null
    ), opened as (
      insert into public.alerts as a
        (org_id, po_id, level, peak_level, opened_level, regression, previous_alert_id, opened_utilization, utilization_percent)
      select ${org}, d.po_id, d.new_level, d.new_level, d.new_level, prev.id is not null, prev.id, d.pct, d.pct
        from decided d
        left join lateral (
          select r.id from public.alerts r where r.po_id = d.po_id and r.status = 'resolved' order by r.resolved_at desc limit 1
        ) prev on true
       where d.action = 'open'
      on conflict (po_id) where status <> 'resolved' do nothing
      returning a.id, a.po_id, a.level, a.regression, a.previous_alert_id, a.utilization_percent
    ), changed as (
      update public.alerts a set
        level = d.new_level,
        peak_level = case when d.new_rank > d.peak_rank then d.new_level else a.peak_level end,
        -- An acknowledged alert that rises above the level it was acknowledged at needs attention again.
        status = case when d.action = 'resolve' then 'resolved'
                      when d.action = 'escalate' and a.status = 'acknowledged' and d.new_rank > ${rank("a.acknowledged_level")} then 'open'
                      else a.status end,
        utilization_percent = d.pct,
        below_warning_streak = case when d.new_rank = 0 then a.below_warning_streak + 1 else 0 end,
        last_escalated_at = case when d.action = 'escalate' then now() else a.last_escalated_at end,
        resolved_at = case when d.action = 'resolve' then now() end,
        resolved_reason = case when d.action <> 'resolve' then null when d.po_status <> 'open' then 'po_closed' else 'recovered' end,
        updated_at = now()
        from decided d
       -- The ids as an array: the alerts to change are probed through the primary key, where a join
       -- on the CTE (whose size the planner cannot know) hashed every active alert of the organization.
       where a.id = any (array(select x.alert_id from decided x where x.action in ('resolve', 'recover', 'escalate', 'de_escalate', 'touch')))
         and a.id = d.alert_id and d.action in ('resolve', 'recover', 'escalate', 'de_escalate', 'touch')
      returning a.id
    ), events as (
      insert into public.alert_events (org_id, alert_id, kind, from_level, to_level, utilization_percent, detail, evaluation_id)
      select ${org}, o.id, case when o.regression then 'reopened' else 'opened' end, null, o.level, o.utilization_percent,
             case when o.regression then jsonb_build_object('previousAlertId', o.previous_alert_id) else '{}'::jsonb end,
             ${evaluation}
        from opened o
      union all
      select ${org}, d.alert_id,
             case d.action when 'resolve' then 'resolved' when 'escalate' then 'escalated' else 'de_escalated' end,
             d.alert_level, d.new_level, d.pct,
             case when d.action = 'resolve'
                  then jsonb_build_object('reason', case when d.po_status <> 'open' then 'po_closed' else 'recovered' end, 'poStatus', d.po_status)
                  else '{}'::jsonb end,
             ${evaluation}
        from decided d
       where d.action in ('resolve', 'escalate', 'de_escalate') or (d.action = 'recover' and d.old_rank > 0)
      returning 1
    ), notifying as (
      select o.id as alert_id, o.po_id, o.level, 'on_track' as from_level, d.pct, d.order_value, d.spent
        from opened o join decided d on d.po_id = o.po_id
      union all
      select d.alert_id, d.po_id, d.new_level, d.alert_level, d.pct, d.order_value, d.spent
        from decided d where d.action = 'escalate' and d.new_rank > d.peak_rank
    ), recipients as (
      select m.user_id from public.org_members m
       where m.org_id = ${org} and m.status = 'active'
         and exists (select 1 from public.role_permissions rp where rp.role = m.role and rp.permission = 'alerts.acknowledge')
         and not exists (select 1 from public.notification_preferences np
                          where np.org_id = m.org_id and np.user_id = m.user_id and not np.alert_emails)
    ), notified as (
      insert into public.alert_notifications
        (org_id, alert_id, po_id, level, from_level, user_id, utilization_percent, order_value, spent, evaluation_id, digest)
      select ${org}, n.alert_id, n.po_id, n.level, n.from_level, r.user_id, n.pct, n.order_value, n.spent, ${evaluation},
             (select count(*) from notifying) > ${DIGEST_THRESHOLD}
        from notifying n cross join recipients r
      on conflict on constraint alert_notifications_dedupe_key do nothing
      returning 1
    )
    select (select count(*) from candidates)::int as evaluated,
           (select count(*) from opened where not regression)::int as opened,
           (select count(*) from opened where regression)::int as reopened,
           (select count(*) from decided where action = 'escalate')::int as escalated,
           (select count(*) from decided where action = 'de_escalate' or (action = 'recover' and old_rank > 0))::int as "deEscalated",
           (select count(*) from decided where action = 'resolve')::int as resolved,
           (select count(*) from notifying)::int as "notifiedPos",
           (select count(*) from notified)::int as notifications,
           (select count(*) from notifying) > ${DIGEST_THRESHOLD} as digest,
           (select count(*) from changed)::int as changed_rows,
           (select count(*) from events)::int as event_rows`);
  const { evaluated, opened, reopened, escalated, deEscalated, resolved, notifiedPos, notifications, digest } = row;
  return { evaluated, opened, reopened, escalated, deEscalated, resolved, notifiedPos, notifications, digest };
}
