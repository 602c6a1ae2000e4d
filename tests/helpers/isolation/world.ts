import type { Engine, Tx } from "@/server/db";
import { sql, type SqlQuery } from "@/server/db/sql";
import { asAnonOn, asServiceOn, asUserOn } from "@/server/db/transactions";
import { ROLES, type Role } from "@/lib/permissions";
import { addMember, createOrgWithMembers, createUser, type TestUser } from "../fixtures";

/**
 * The fixture world of the tenant-isolation suite: two organizations A and B with one active member
 * per role each, plus a deactivated member of A. Built once per test file, as the connection role.
 */
export interface World {
  orgA: { id: string; slug: string };
  orgB: { id: string; slug: string };
  a: Record<Role, TestUser>;
  b: Record<Role, TestUser>;
  deactivatedA: TestUser;
}

export async function buildWorld(engine: Engine): Promise<World> {
  const A = await createOrgWithMembers(engine);
  const B = await createOrgWithMembers(engine);
  const deactivatedA = await createUser(engine, `deactivated-${A.org.slug}@example.test`);
  await addMember(engine, A.org.id, deactivatedA.id, "admin");
  await engine.transaction((tx) =>
    tx.query(sql`update public.org_members set status = 'deactivated'
                 where org_id = ${A.org.id} and user_id = ${deactivatedA.id}`),
  );
  return { orgA: A.org, orgB: B.org, a: A.members, b: B.members, deactivatedA };
}

/** Somebody who runs a transaction through the same entry points as the app. */
export interface Actor {
  name: string;
  /** The actor's user id (null for anon and service_role): insert payloads may claim it. */
  userId: string | null;
  run<T>(engine: Engine, fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export function userActor(name: string, user: TestUser): Actor {
  return { name, userId: user.id, run: (engine, fn) => asUserOn(engine, user.claims, fn) };
}
export const anonActor: Actor = { name: "anonymous", userId: null, run: (engine, fn) => asAnonOn(engine, fn) };
export const serviceActor: Actor = { name: "service_role", userId: null, run: (engine, fn) => asServiceOn(engine, fn) };
export const connectionActor: Actor = { name: "connection role", userId: null, run: (engine, fn) => engine.transaction(fn) };

/**
 * Actors that must never reach org A's rows. Names only: the users exist once the world is built,
 * so `describe.each` can name tests at collection time.
 */
export const OUTSIDER_NAMES = ["anonymous", ...ROLES.map((r) => `org B ${r}`), "deactivated org A admin"] as const;

export function outsider(name: (typeof OUTSIDER_NAMES)[number], world: World): Actor {
  if (name === "anonymous") return anonActor;
  if (name === "deactivated org A admin") return userActor(name, world.deactivatedA);
  const role = name.slice("org B ".length) as Role;
  return userActor(name, world.b[role]);
}

// ---- Probing: every statement runs in a transaction that is always rolled back -------------------

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string | undefined; message: string };

class Rollback {
  constructor(readonly value: unknown) {}
}

/** Runs `fn` as `actor` and rolls back whatever it did, so a hole never changes the fixtures. */
export async function probe<T>(engine: Engine, actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<Outcome<T>> {
  try {
    await actor.run(engine, async (tx) => {
      throw new Rollback(await fn(tx));
    });
    throw new Error("unreachable");
  } catch (error) {
    if (error instanceof Rollback) return { ok: true, value: error.value as T };
    const e = error as { code?: string; message?: string };
    return { ok: false, code: e.code, message: String(e.message ?? error) };
  }
}

/** "Nothing happened": zero rows, or refused with insufficient_privilege (42501, also RLS WITH CHECK). */
export function describeOutcome(outcome: Outcome<unknown[]>): string {
  return outcome.ok ? `${outcome.value.length} row(s)` : `error ${outcome.code}: ${outcome.message}`;
}
export const touchedNothing = (o: Outcome<unknown[]>) => (o.ok ? o.value.length === 0 : o.code === "42501");
export const refused = (o: Outcome<unknown>) => !o.ok && o.code === "42501";

// ---- SQL builders: identifiers come from the registry/catalog, values are always parameters ------

export type RowKey = Record<string, unknown>;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
export function ident(name: string): SqlQuery {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return sql([`"${name}"`]);
}
const table = (name: string) => sql`public.${ident(name)}`;
const where = (key: RowKey) => sql.join(Object.entries(key).map(([c, v]) => sql`${ident(c)} = ${v}`), " and ");

export const selectRow = (t: string, key: RowKey) => sql`select 1 as found from ${table(t)} where ${where(key)}`;
export const updateRow = (t: string, key: RowKey, column: string, value: unknown) =>
  sql`update ${table(t)} set ${ident(column)} = ${value} where ${where(key)} returning 1 as touched`;
export const deleteRow = (t: string, key: RowKey) => sql`delete from ${table(t)} where ${where(key)} returning 1 as touched`;
export const truncateTable = (t: string) => sql`truncate ${table(t)}`;
/** No RETURNING: an insert policy must refuse the row on its own, not thanks to the select policy. */
export function insertRow(t: string, row: RowKey): SqlQuery {
  const columns = Object.keys(row).map(ident);
  const values = Object.values(row).map((v) => sql`${v}`);
  return sql`insert into ${table(t)} (${sql.join(columns)}) values (${sql.join(values)})`;
}

/**
 * Without WHERE or RETURNING, UPDATE and DELETE apply only their own policy, not the select policy
 * (PostgreSQL's "policies applied by command type"): a loose update/delete policy shows only here.
 */
export const blindUpdate = (t: string, column: string, value: unknown) => sql`update ${table(t)} set ${ident(column)} = ${value}`;
export const blindDelete = (t: string) => sql`delete from ${table(t)}`;

/** The whole row as jsonb (null once deleted), read after `reset role` to see what a blind write did. */
export const rowImage = (t: string, key: RowKey) => sql`select to_jsonb(r) as image from ${table(t)} r where ${where(key)}`;
export const resetRole = sql`reset role`;
