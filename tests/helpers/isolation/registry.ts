/**
 * The tenant-isolation registry: one entry per table in schema `public`.
 *
 * tests/integration/tenant-isolation.test.ts lists every table of `public` from the catalog and fails
 * for any table missing here, so a new migration cannot add a table without saying how it is isolated.
 *
 * To add a table, add one object to ISOLATION_REGISTRY, keyed by the table name:
 *
 * - Global reference data every organization shares (like `roles`): `kind: "global"` with the key of
 *   an existing row, a column to try to update and an insert payload. The suite proves that no API
 *   role (anon, authenticated, service_role) can insert, update or delete it; reading is allowed.
 *
 * - Tenant data: `kind: "tenant"` with
 *   - `rows`: one or more rows that belong to org A. `create` runs as the connection role (RLS and
 *     grants do not apply) and returns the row's key (column → value, usually the primary key).
 *     `visibleTo` lists the roles of org A whose members the select policy lets see the row; the suite
 *     checks exactly that, so it cannot pass because a select is wrongly denied to everybody.
 *   - `update`: a column the API grants would let somebody update, and a new value.
 *     `updatableBy` (optional) lists the org A roles that may update the row: proved positively.
 *   - `insert(world, actor)`: the most dangerous row an outsider could insert claiming org A
 *     (e.g. a membership of org A for themselves). It must be refused with 42501.
 *
 * Outsiders (anonymous, each role of org B, a deactivated admin of org A) must not see, update,
 * delete or insert any of these rows. Write probes always roll back.
 */
import { randomUUID } from "node:crypto";
import type { Tx } from "@/server/db";
import { sql } from "@/server/db/sql";
import { ROLES, type Role } from "@/lib/permissions";
import type { Actor, RowKey, World } from "./world";

export interface GlobalTable {
  kind: "global";
  /** An existing row (seeded by the migrations). */
  sampleKey: RowKey;
  update: { column: string; value: unknown };
  insert: () => RowKey;
}

export interface TenantRow {
  label: string;
  create: (tx: Tx, world: World) => Promise<RowKey>;
  visibleTo: readonly Role[];
  updatableBy?: readonly Role[];
}

export interface TenantTable {
  kind: "tenant";
  rows: readonly TenantRow[];
  update: { column: string; value: unknown };
  insert: (world: World, actor: Actor) => RowKey;
}

export type IsolationEntry = GlobalTable | TenantTable;

/** A user id the insert payload can claim: the actor's own, or a fresh one for anon. */
const claimant = (actor: Actor) => actor.userId ?? randomUUID();

export const ISOLATION_REGISTRY: Record<string, IsolationEntry> = {
  roles: {
    kind: "global",
    sampleKey: { role: "staff" },
    update: { column: "rank", value: 99 },
    insert: () => ({ role: "owner", rank: 99, label: "Owner" }),
  },

  audit_actions: {
    kind: "global",
    sampleKey: { action: "auth.logout" },
    update: { column: "description", value: "forged" },
    insert: () => ({ action: "auth.forged", description: "Forged" }),
  },

  role_permissions: {
    kind: "global",
    sampleKey: { role: "staff", permission: "dashboards.view" },
    update: { column: "permission", value: "org.manage" },
    insert: () => ({ role: "staff", permission: "org.manage" }),
  },

  organizations: {
    kind: "tenant",
    rows: [
      {
        label: "org A",
        create: async (_tx, w) => ({ id: w.orgA.id }),
        visibleTo: ROLES,
        updatableBy: ["admin"],
      },
    ],
    update: { column: "name", value: "Taken over" },
    // Same id as org A: RLS must refuse it before the primary key could.
    insert: (w) => ({ id: w.orgA.id, slug: `x-${randomUUID().slice(0, 8)}`, name: "Org A twin" }),
  },

  org_members: {
    kind: "tenant",
    rows: [
      {
        label: "org A's admin membership",
        create: async (_tx, w) => ({ org_id: w.orgA.id, user_id: w.a.admin.id }),
        visibleTo: ROLES,
      },
    ],
    update: { column: "role", value: "staff" },
    // Joining org A as an admin.
    insert: (w, actor) => ({ org_id: w.orgA.id, user_id: claimant(actor), role: "admin" }),
  },

  user_profiles: {
    kind: "tenant",
    rows: [
      {
        // Keyed by user: the profile of an org-A-only member (created by the auth.users trigger).
        label: "profile of org A's staff member",
        create: async (_tx, w) => ({ user_id: w.a.staff.id }),
        visibleTo: ROLES,
        updatableBy: ["staff"],
      },
    ],
    update: { column: "full_name", value: "Renamed" },
    insert: (w) => ({ user_id: w.a.staff.id, email: "twin@example.test", full_name: "Twin" }),
  },

  audit_events: {
    kind: "tenant",
    rows: [
      {
        label: "org A event",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`
            insert into public.audit_events (org_id, actor_user_id, actor_type, action)
            values (${w.orgA.id}, ${w.a.admin.id}, 'user', 'auth.logout') returning id`),
        visibleTo: ["admin", "executive"],
      },
      {
        // org_id null: a sign-in event that belongs to its actor only.
        label: "org-less event of org A's staff member",
        create: async (tx, w) =>
          tx.one<RowKey>(sql`
            insert into public.audit_events (org_id, actor_user_id, actor_type, action)
            values (null, ${w.a.staff.id}, 'user', 'auth.login_succeeded') returning id`),
        visibleTo: ["staff"],
      },
    ],
    update: { column: "action", value: "auth.login_failed" },
    insert: (w, actor) => ({ org_id: w.orgA.id, actor_user_id: claimant(actor), actor_type: "user", action: "auth.logout" }),
  },
};
