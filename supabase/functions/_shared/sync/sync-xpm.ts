/**
 * One Xero Practice Manager pass: clients, staff, jobs, time, invoices, then the costs of the jobs
 * that need them. XPM lists are not paged and mostly not dated: jobs, time and invoices are read by
 * date window (the whole SYNC_XPM_WINDOW_DAYS on a full read, otherwise from a little before the last
 * success), so each list is complete for its window and rows missing from it were deleted in XPM.
 * Costs live per job (one call each): the first read fetches every job's, later full reads those of
 * open jobs and of jobs closed since, incremental runs only those of new or changed jobs; the list of
 * jobs still to do is a checkpoint, stored with the jobs.
 */
import type { JobTx } from "../db/database.ts";
import { sql } from "../db/sql.ts";
import { markMissing, missing, upsertRows } from "./sync-store.ts";
import { fullReadDue, type EntityCheckpoint, type SyncScope } from "./sync-scope.ts";
import { XpmClient, type XpmJobRow } from "./xpm-client.ts";

export const XPM_ENTITIES = ["clients", "staff", "jobs", "time", "invoices", "costs"] as const;

const DAY_MS = 86_400_000;
/** An incremental window starts this long before the last success: late-entered time still lands. */
const INCREMENTAL_OVERLAP_MS = 35 * DAY_MS;
const COST_JOBS_PER_BATCH = 20;
const CLOSED_STATES = new Set(["Completed", "Cancelled"]);

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function syncXpm(scope: SyncScope, xpmUrl: string): Promise<void> {
  const client = new XpmClient({ ...scope.http, baseUrl: xpmUrl });
  const now = scope.now();
  const startedIso = new Date(now).toISOString();
  const entities = XPM_ENTITIES.filter((e) => !scope.entities || scope.entities.includes(e));
  const step = (entity: string, within = 1) => (entities.indexOf(entity as never) + within) / entities.length;
  const todo = (entity: string) => entities.includes(entity as never) && !(scope.checkpoints[entity]?.lastRunId === scope.runId && !scope.checkpoints[entity]?.pending?.length);

  const window = (cp: EntityCheckpoint | undefined, full: boolean) => {
    const oldest = now - scope.xpmWindowDays * DAY_MS;
    const since = cp?.since ? Date.parse(cp.since) : scope.lastSuccessAt?.getTime();
    const from = full || !since ? oldest : Math.max(oldest, since - INCREMENTAL_OVERLAP_MS);
    // XPM dates are the practice's calendar days, up to 14 hours ahead of UTC: ending the window a day
    // after today (UTC) keeps today's time in Auckland inside it.
    return { from: new Date(from), to: new Date(now + DAY_MS) };
  };
  const done = (cp: EntityCheckpoint | undefined, full: boolean): EntityCheckpoint => ({
    since: startedIso,
    lastFullAt: full ? startedIso : (cp?.lastFullAt ?? null),
    lastRunId: scope.runId,
  });
  const commitList = (entity: string, next: Record<string, EntityCheckpoint>, work: Parameters<SyncScope["commit"]>[2], message: string) =>
    scope.commit(entity, next, work, { fraction: step(entity), entity, message });

  if (todo("clients")) {
    const cp = scope.checkpoints.clients;
    const full = fullReadDue(scope, cp);
    const rows = await client.clients(full || !cp?.since ? null : new Date(cp.since));
    await commitList("clients", { clients: done(cp, full) }, async (tx) => ({
      fetched: rows.length,
      upserted: await upsertRows(tx, "xpm_clients", scope.orgId, rows),
      deleted: full ? await markMissing(tx, missing.xpmClients(scope.orgId, rows.map((r) => r.external_id))) : 0,
    }), `${rows.length} clients`);
  }

  if (todo("staff")) {
    const cp = scope.checkpoints.staff;
    const rows = await client.staff();
    await commitList("staff", { staff: done(cp, true) }, async (tx) => ({
      fetched: rows.length,
      upserted: await upsertRows(tx, "xpm_staff", scope.orgId, rows),
      deleted: await markMissing(tx, missing.xpmStaff(scope.orgId, rows.map((r) => r.external_id))),
    }), `${rows.length} staff`);
  }

  if (todo("jobs")) {
    const cp = scope.checkpoints.jobs;
    const full = fullReadDue(scope, cp);
    const { from, to } = window(cp, full);
    const rows = await client.jobs(from, to);
    await commitList("jobs", { jobs: done(cp, full) }, async (tx) => {
      const costsReadAt = scope.checkpoints.costs?.lastFullAt;
      const changed = !full
        ? await newOrChanged(tx, scope.orgId, rows)
        : !costsReadAt
          ? rows
          : rows.filter((j) => !CLOSED_STATES.has(j.state) || (j.completed_date ?? "") >= costsReadAt.slice(0, 10));
      const pending = changed.map((j) => ({ external_id: j.external_id, job_number: j.job_number }));
      const costs = scope.checkpoints.costs;
      return {
        fetched: rows.length,
        upserted: await upsertRows(tx, "xpm_jobs", scope.orgId, rows),
        deleted: 0,
        checkpoints: { costs: { ...costs, pending: mergePending(costs?.pending, pending), lastRunId: costs?.lastRunId } },
      };
    }, `${rows.length} jobs`);
  }

  if (todo("time")) {
    const cp = scope.checkpoints.time;
    const full = fullReadDue(scope, cp);
    const { from, to } = window(cp, full);
    const rows = await client.time(from, to);
    await commitList("time", { time: done(cp, full) }, async (tx) => ({
      fetched: rows.length,
      upserted: await upsertRows(tx, "xpm_time_entries", scope.orgId, rows),
      deleted: await markMissing(tx, missing.xpmTime(scope.orgId, rows.map((r) => r.external_id), isoDay(from.getTime()), isoDay(to.getTime()))),
    }), `${rows.length} time entries`);
  }

  if (todo("invoices")) {
    const cp = scope.checkpoints.invoices;
    const full = fullReadDue(scope, cp);
    const { from, to } = window(cp, full);
    const rows = await client.invoices(from, to);
    await commitList("invoices", { invoices: done(cp, full) }, async (tx) => ({
      fetched: rows.length,
      upserted: await upsertRows(tx, "xpm_invoices", scope.orgId, rows),
      deleted: 0,
    }), `${rows.length} invoices`);
  }

  if (entities.includes("costs")) {
    const total = scope.checkpoints.costs?.pending?.length ?? 0;
    for (;;) {
      const cp = scope.checkpoints.costs;
      const pending = cp?.pending ?? [];
      const chunk = pending.slice(0, COST_JOBS_PER_BATCH);
      const rest = pending.slice(COST_JOBS_PER_BATCH);
      const rows = chunk.length > 0 ? await client.costs(chunk) : [];
      const next: EntityCheckpoint = rest.length > 0 ? { ...cp, pending: rest } : { ...done(cp, true), pending: [] };
      const doneJobs = total - rest.length;
      await scope.commit("costs", { costs: next }, async (tx) => ({
        fetched: rows.length,
        upserted: await upsertRows(tx, "xpm_costs", scope.orgId, rows),
        deleted: chunk.length > 0 ? await markMissing(tx, missing.xpmCosts(scope.orgId, chunk.map((j) => j.external_id), rows.map((r) => r.external_id))) : 0,
      }), { fraction: step("costs", total ? doneJobs / total : 1), entity: "costs", message: `costs of ${doneJobs} of ${total} jobs` });
      if (rest.length === 0) break;
    }
  }
}

function mergePending(a: EntityCheckpoint["pending"], b: NonNullable<EntityCheckpoint["pending"]>) {
  const byId = new Map((a ?? []).map((j) => [j.external_id, j]));
  for (const j of b) byId.set(j.external_id, j);
  return [...byId.values()];
}

/** Jobs that are new, or whose stored copy differs in what makes costs worth re-reading. */
async function newOrChanged(tx: JobTx, orgId: string, rows: XpmJobRow[]): Promise<XpmJobRow[]> {
  if (rows.length === 0) return [];
  const stored = await tx.query<{ external_id: string; state: string; name: string; budget: string | null; due_date: string | null }>(sql`
    select external_id, state, name, budget::text as budget, to_char(due_date, 'YYYY-MM-DD') as due_date
    from public.xpm_jobs where org_id = ${orgId} and external_id = any(${rows.map((r) => r.external_id)}::text[])`);
  const byId = new Map(stored.map((s) => [s.external_id, s]));
  return rows.filter((r) => {
    const s = byId.get(r.external_id);
    if (!s) return true;
    const budget = r.budget === null ? null : Number(r.budget);
    return s.state !== r.state || s.name !== r.name || (s.budget === null ? null : Number(s.budget)) !== budget || s.due_date !== r.due_date;
  });
}
