/**
 * Tenant isolation (DESIGN §10, anchors §8): every table in schema `public`, found in the catalog at
 * run time, must have RLS enabled and an entry in tests/helpers/isolation/registry.ts. For each tenant
 * table, outsiders (anonymous, each role of another organization, a deactivated member) can neither
 * read, update, delete nor insert org A's rows, while org A's own members see exactly what the select
 * policy grants them. Global reference tables are read-only for every API role.
 * Each write probe runs in a transaction that is always rolled back, so one fixture world serves all.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/server/db";
import { sql, type SqlQuery } from "@/server/db/sql";
import { ROLES } from "@/lib/permissions";
import { setupTestDatabase } from "../helpers/test-db";
import { ISOLATION_REGISTRY, type GlobalTable, type TenantTable } from "../helpers/isolation/registry";
import {
  anonActor,
  blindDelete,
  blindUpdate,
  buildWorld,
  connectionActor,
  deleteRow,
  describeOutcome,
  insertRow,
  OUTSIDER_NAMES,
  outsider,
  probe,
  refused,
  resetRole,
  rowImage,
  selectRow,
  serviceActor,
  touchedNothing,
  truncateTable,
  updateRow,
  userActor,
  type Actor,
  type Outcome,
  type RowKey,
  type World,
} from "../helpers/isolation/world";

const db = setupTestDatabase();
let world: World;
/** The keys of each tenant table's org A rows, in registry order. */
const keys = new Map<string, RowKey[]>();
/** Their images (to_jsonb), to prove a blind UPDATE or DELETE left them as they were. */
const images = new Map<string, unknown[]>();

const tenantTables = Object.entries(ISOLATION_REGISTRY).filter((e): e is [string, TenantTable] => e[1].kind === "tenant");
const globalTables = Object.entries(ISOLATION_REGISTRY).filter((e): e is [string, GlobalTable] => e[1].kind === "global");

type Rows = unknown[];
const run = (actor: Actor, fn: (tx: Tx) => Promise<Rows>): Promise<Outcome<Rows>> => probe(db.engine(), actor, fn);
const rowsOf = (table: string) => keys.get(table) ?? [];
async function imagesOf(tx: Tx, table: string): Promise<unknown[]> {
  const result: unknown[] = [];
  for (const key of rowsOf(table)) result.push((await tx.maybeOne<{ image: unknown }>(rowImage(table, key)))?.image ?? null);
  return result;
}

beforeAll(async () => {
  world = await buildWorld(db.engine());
  await db.engine().transaction(async (tx) => {
    for (const [name, entry] of tenantTables) {
      const created: RowKey[] = [];
      for (const row of entry.rows) created.push(await row.create(tx, world));
      keys.set(name, created);
      images.set(name, await imagesOf(tx, name));
    }
  });
});


describe("catalog coverage", () => {
  const catalog = () =>
    db.engine().transaction((tx) =>
      tx.query<{ name: string; rls: boolean }>(sql`
        select c.relname as name, c.relrowsecurity as rls
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        order by c.relname`),
    );

  it("every table in public has an entry in the isolation registry", async () => {
    const missing = (await catalog()).filter((t) => !(t.name in ISOLATION_REGISTRY));
    const messages = missing.map((t) => `public.${t.name} has no entry in the isolation registry: add one`);
    expect(messages, messages.join("\n")).toEqual([]);
  });

  it("every table in public has row-level security enabled", async () => {
    const off = (await catalog()).filter((t) => !t.rls).map((t) => `public.${t.name} does not have RLS enabled`);
    expect(off, off.join("\n")).toEqual([]);
  });

  it("every registry entry names a table that exists (no stale entries)", async () => {
    const names = new Set((await catalog()).map((t) => t.name));
    expect(Object.keys(ISOLATION_REGISTRY).filter((name) => !names.has(name))).toEqual([]);
  });
});

describe.each(tenantTables)("tenant table public.%s", (table, entry) => {
  describe.each(OUTSIDER_NAMES)("as %s", (actorName) => {
    /** Runs `statement` for each of org A's rows; every outcome must satisfy `ok`. */
    async function expectForEachRow(
      statement: (key: RowKey) => SqlQuery,
      ok: (o: Outcome<Rows>) => boolean,
    ) {
      const actor = outsider(actorName, world);
      const failures: string[] = [];
      for (const [i, key] of rowsOf(table).entries()) {
        const outcome = await run(actor, (tx) => tx.query(statement(key)));
        if (!ok(outcome)) failures.push(`${entry.rows[i]?.label}: ${describeOutcome(outcome)}`);
      }
      expect(rowsOf(table)).not.toHaveLength(0);
      expect(failures, `${actorName} reached org A's rows in public.${table}`).toEqual([]);
    }

    it("select returns none of org A's rows", () => expectForEachRow((key) => selectRow(table, key), touchedNothing));

    it("update touches none of org A's rows", () =>
      expectForEachRow((key) => updateRow(table, key, entry.update.column, entry.update.value), touchedNothing));

    it("delete touches none of org A's rows", () => expectForEachRow((key) => deleteRow(table, key), touchedNothing));

    it.each([
      ["update", () => blindUpdate(table, entry.update.column, entry.update.value)],
      ["delete", () => blindDelete(table)],
    ] as const)("%s without WHERE leaves org A's rows as they were", async (_command, statement) => {
      const outcome = await run(outsider(actorName, world), async (tx) => {
        await tx.query(statement());
        await tx.query(resetRole); // back to the connection role, inside the same (rolled back) transaction
        return imagesOf(tx, table);
      });
      if (!outcome.ok) expect(outcome.code, outcome.message).toBe("42501");
      else expect(outcome.value, `${actorName} changed org A's rows in public.${table}`).toEqual(images.get(table));
    });

    it("insert of a row claiming org A is refused (42501)", async () => {
      const actor = outsider(actorName, world);
      const outcome = await run(actor, (tx) => tx.query(insertRow(table, entry.insert(world, actor))));
      expect(refused(outcome), `${actorName}: insert into public.${table} was not refused: ${describeOutcome(outcome)}`).toBe(true);
    });

    // Not one of the four commands, but TRUNCATE ignores RLS: a grant would wipe every tenant's rows.
    it("truncate is refused (42501)", async () => {
      const outcome = await run(outsider(actorName, world), (tx) => tx.query(truncateTable(table)));
      expect(refused(outcome), `${actorName}: truncate public.${table} was not refused: ${describeOutcome(outcome)}`).toBe(true);
    });
  });

  const visibility = entry.rows.flatMap((row, i) => ROLES.map((role) => ({ i, role, label: row.label, sees: row.visibleTo.includes(role) })));
  it.each(visibility)("org A $role sees $label: $sees", async ({ i, role, sees }) => {
    const key = rowsOf(table)[i]!;
    const outcome = await run(userActor(role, world.a[role]), (tx) => tx.query(selectRow(table, key)));
    // A table no member may read at all (tokens) has no grant: the denial is the stronger "does not see".
    if (!sees && refused(outcome)) return;
    expect(outcome).toEqual({ ok: true, value: sees ? [{ found: 1 }] : [] });
  });

  const updaters = entry.rows.flatMap((row, i) => (row.updatableBy ?? []).map((role) => ({ i, role, label: row.label })));
  if (updaters.length > 0) {
    it.each(updaters)("org A $role may update $label (rolled back)", async ({ i, role }) => {
      const key = rowsOf(table)[i]!;
      const outcome = await run(userActor(role, world.a[role]), (tx) =>
        tx.query(updateRow(table, key, entry.update.column, entry.update.value)),
      );
      expect(outcome).toEqual({ ok: true, value: [{ touched: 1 }] });
    });
  }
});

describe("audit_events is append-only", () => {
  const orgEvent = () => rowsOf("audit_events")[0]!;

  describe.each([serviceActor, connectionActor])("as $name", (actor) => {
    it("update raises", async () => {
      const outcome = await run(actor, (tx) => tx.query(updateRow("audit_events", orgEvent(), "action", "auth.login_failed")));
      expect(refused(outcome), `${actor.name} updated an audit event: ${describeOutcome(outcome)}`).toBe(true);
    });
    it("delete raises", async () => {
      const outcome = await run(actor, (tx) => tx.query(deleteRow("audit_events", orgEvent())));
      expect(refused(outcome), `${actor.name} deleted an audit event: ${describeOutcome(outcome)}`).toBe(true);
    });
  });

  it("the connection role is stopped by the trigger itself, truncate included", async () => {
    for (const statement of [
      updateRow("audit_events", orgEvent(), "action", "auth.login_failed"),
      deleteRow("audit_events", orgEvent()),
      truncateTable("audit_events"),
    ]) {
      const outcome = await run(connectionActor, (tx) => tx.query(statement));
      expect(outcome).toMatchObject({ ok: false, code: "42501", message: expect.stringContaining("append-only") });
    }
  });
});

describe.each(globalTables)("global table public.%s", (table, entry) => {
  const actors: Record<string, () => Actor> = {
    anonymous: () => anonActor,
    "authenticated (org A admin)": () => userActor("org A admin", world.a.admin),
    service_role: () => serviceActor,
  };

  it("signed-in users can read it", async () => {
    const outcome = await run(actors["authenticated (org A admin)"]!(), (tx) => tx.query(selectRow(table, entry.sampleKey)));
    expect(outcome).toEqual({ ok: true, value: [{ found: 1 }] });
  });

  describe.each(Object.keys(actors))("as %s", (actorName) => {
    const actor = () => actors[actorName]!();

    const says = (command: string, outcome: Outcome<Rows>) =>
      `${actorName}: ${command} public.${table} was not refused (${describeOutcome(outcome)}); global tables are read-only for API roles`;

    it("insert is refused (42501)", async () => {
      const outcome = await run(actor(), (tx) => tx.query(insertRow(table, entry.insert())));
      expect(refused(outcome), says("insert into", outcome)).toBe(true);
    });
    it("update touches nothing", async () => {
      const outcome = await run(actor(), (tx) => tx.query(updateRow(table, entry.sampleKey, entry.update.column, entry.update.value)));
      expect(touchedNothing(outcome), says("update", outcome)).toBe(true);
    });
    it("delete touches nothing", async () => {
      const outcome = await run(actor(), (tx) => tx.query(deleteRow(table, entry.sampleKey)));
      expect(touchedNothing(outcome), says("delete from", outcome)).toBe(true);
    });
    it("truncate is refused (42501)", async () => {
      const outcome = await run(actor(), (tx) => tx.query(truncateTable(table)));
      expect(refused(outcome), says("truncate", outcome)).toBe(true);
    });
  });
});
