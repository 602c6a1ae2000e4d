import { z } from "zod";
import { sql } from "../../db/sql.ts";
import { defineJobKind } from "../job-kind.ts";
import type { JobSchedule } from "../create-job-registry.ts";

const BATCH = 5_000;

/**
 * Tables left to the final cascade rather than emptied in batches: the organization's memberships
 * (the last-admin trigger watches them while the organization exists), its audit events (append-only
 * until the organization row is gone) and its jobs (this job is one of them). So are tables the
 * service role may not delete from (dashboard views are append-only to it): the cascade, which runs
 * as the tables' owner, takes those rows.
 */
const LAST = ["organizations", "org_members", "audit_events", "jobs"];

interface Doomed {
  id: string;
  slug: string;
  name: string;
  deleted_at: string;
  deleted_by: string | null;
}

/**
 * Removes a deleted organization once its grace period is over: every table with an `org_id`
 * (read from the catalog, so tables added later are covered) is emptied in lease-checked batches
 * (large synced tables never make one huge transaction),
 * then the organization row goes, and with it, by cascade, its memberships, audit events and jobs,
 * this job's own row included (the runner then finds no row to settle; its work is done). An
 * `org.purged` event without an organization keeps the fact. An organization restored in the
 * meantime, or not yet due, is left alone.
 */
export const orgPurge = defineJobKind({
  kind: "org.purge",
  runner: "sync-run",
  // A purge runs for an organization that its members can no longer see.
  readPermission: "org.manage",
  payload: z.object({}).strict(),
  async run(ctx) {
    const orgId = ctx.job.orgId;
    const due = (tx: Parameters<Parameters<typeof ctx.batch>[0]>[0]) =>
      tx.maybeOne<Doomed>(sql`
        select id, slug, name, deleted_at::text, deleted_by from public.organizations
        where id = ${orgId} and deleted_at is not null and purge_after <= now() for update`);
    if (!(await ctx.db.transaction(due))) return { purged: false, reason: "not deleted, restored, or not due yet" };
    const tables = await ctx.db.transaction((tx) =>
      tx.query<{ name: string }>(sql`
        select c.relname as name from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
        where n.nspname = 'public' and c.relkind = 'r' and not (c.relname = any(${LAST}::text[]))
          and has_table_privilege(c.oid, 'DELETE')
        order by c.relname`),
    );
    let rows = 0;
    for (const { name } of tables) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) continue;
      for (;;) {
        const deleted = await ctx.batch(
          async (tx) => {
            if (!(await due(tx))) return null;
            return tx.query(sql([`delete from public."${name}" where ctid in (select ctid from public."${name}" where org_id = `, ` limit ${BATCH}) returning 1`], orgId));
          },
          { done: rows, message: `Purging ${name}` },
        );
        if (deleted === null) return { purged: false, reason: "restored or no longer due", rows };
        rows += deleted.length;
        if (deleted.length < BATCH) break;
      }
    }
    return ctx.batch(async (tx) => {
      const org = await due(tx);
      if (!org) return { purged: false, reason: "restored or no longer due", rows };
      await tx.query(sql`
        insert into public.audit_events (org_id, actor_user_id, actor_type, action, target_type, target_id, metadata)
        values (null, ${org.deleted_by}, 'job', 'org.purged', 'organization', ${org.id},
                ${JSON.stringify({ slug: org.slug, name: org.name, deletedAt: org.deleted_at, rows })}::jsonb)`);
      await tx.query(sql`delete from public.organizations where id = ${org.id}`);
      return { purged: true, rows };
    });
  },
});

/** Hourly: one purge job for each deleted organization whose grace period is over. */
export const orgPurgeSchedule: JobSchedule = {
  name: "org.purge",
  runner: "sync-run",
  everySeconds: 3_600,
  async plan(tx) {
    const orgs = await tx.query<{ id: string }>(sql`
      select id from public.organizations where deleted_at is not null and purge_after <= now()`);
    return orgs.map((o) => ({ orgId: o.id, kind: "org.purge", payload: {} }));
  },
};
