/**
 * Catalog guards (anchors §8, supabase.md §2–§3 and §10; cf. Supabase splinter lints 0028/0029): the
 * rules every migration must keep, checked against the migrated schema rather than by review.
 */
import { describe, expect, it } from "vitest";
import { sql } from "@/server/db/sql";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();
const { query } = db;

/**
 * SECURITY DEFINER functions allowed in schema public (exposed through the Data API). Each one needs
 * a reason here, `set search_path = ''`, and EXECUTE revoked from public and anon.
 */
const PUBLIC_SECURITY_DEFINER_ALLOW_LIST: readonly string[] = [];

const API_ROLES = ["anon", "authenticated", "service_role"] as const;

/** Functions of a schema, excluding those an extension owns. */
const functionsIn = (schema: string) => sql`
  select p.oid, p.oid::regprocedure::text as signature, p.prosecdef as definer, p.proconfig as config
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where n.nspname = ${schema}
    and not exists (select 1 from pg_depend d
                    where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`;

interface FunctionRow {
  signature: string;
  definer: boolean;
  config: string[] | null;
}

describe("functions", () => {
  it("no SECURITY DEFINER function in public outside the allow-list", async () => {
    const definers = (await query<FunctionRow>(functionsIn("public"))).filter((f) => f.definer).map((f) => f.signature);
    const unexpected = definers.filter((signature) => !PUBLIC_SECURITY_DEFINER_ALLOW_LIST.includes(signature));
    expect(unexpected, "SECURITY DEFINER in public: move it to app_private or allow-list it with a reason").toEqual([]);
  });

  it("every function in app_private pins its search_path", async () => {
    const functions = await query<FunctionRow>(functionsIn("app_private"));
    expect(functions.length).toBeGreaterThan(0);
    const unpinned = functions.filter((f) => !(f.config ?? []).some((c) => c.startsWith("search_path="))).map((f) => f.signature);
    expect(unpinned, "add `set search_path = ''` to these functions").toEqual([]);
  });

  it("every SECURITY DEFINER function pins an empty search_path", async () => {
    const all = [...(await query<FunctionRow>(functionsIn("app_private"))), ...(await query<FunctionRow>(functionsIn("public")))];
    const loose = all
      .filter((f) => f.definer && !(f.config ?? []).some((c) => c === 'search_path=""' || c === "search_path="))
      .map((f) => `${f.signature} (${(f.config ?? []).join(", ") || "no settings"})`);
    expect(loose).toEqual([]);
  });

  it("no SECURITY DEFINER function in app_private or public is executable by anon or PUBLIC", async () => {
    const exposed = await query<{ signature: string; anon: boolean; public: boolean }>(sql`
      select p.oid::regprocedure::text as signature,
             has_function_privilege('anon', p.oid, 'EXECUTE') as anon,
             exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                     where a.grantee = 0 and a.privilege_type = 'EXECUTE') as public
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname in ('app_private', 'public') and p.prosecdef`);
    const bad = exposed.filter((f) => f.anon || f.public).map((f) => `${f.signature}${f.anon ? " anon" : ""}${f.public ? " PUBLIC" : ""}`);
    expect(bad, "revoke execute on function … from public, anon").toEqual([]);
  });
});

describe("tables and privileges", () => {
  it("every table in public has row-level security enabled", async () => {
    const tables = await query<{ name: string }>(sql`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity order by 1`);
    expect(tables.map((t) => `public.${t.name}`)).toEqual([]);
  });

  it("no default privileges are set for schema public (grants are explicit in each migration)", async () => {
    const acls = await query<{ owner: string; type: string; acl: string }>(sql`
      select defaclrole::regrole::text as owner, defaclobjtype::text as type, defaclacl::text as acl
      from pg_default_acl where defaclnamespace = 'public'::regnamespace`);
    expect(acls).toEqual([]);
  });

  it("no global default privileges grant anything to the API roles", async () => {
    const acls = await query<{ owner: string; type: string; grantee: string }>(sql`
      select d.defaclrole::regrole::text as owner, d.defaclobjtype::text as type, a.grantee::regrole::text as grantee
      from pg_default_acl d, aclexplode(d.defaclacl) a
      where d.defaclnamespace = 0 and a.grantee in (select oid from pg_roles where rolname = any(${[...API_ROLES]}))`);
    expect(acls).toEqual([]);
  });

  it("the API roles have no privileges on auth tables, their columns or sequences", async () => {
    const leaks = await query<{ role: string; relation: string; privilege: string }>(sql`
      with rels as (
        select c.oid, c.relkind, format('%I.%I', n.nspname, c.relname) as relation
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'auth' and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
      ), roles as (select unnest(${[...API_ROLES]}::text[]) as role)
      select r.role, rels.relation, p.privilege
      from rels cross join roles r
      cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'USAGE']) p(privilege)
      where case
        when rels.relkind = 'S' then p.privilege in ('SELECT', 'UPDATE', 'USAGE')
                                     and has_sequence_privilege(r.role, rels.oid, p.privilege)
        when p.privilege in ('SELECT', 'INSERT', 'UPDATE', 'REFERENCES')
          then has_any_column_privilege(r.role, rels.oid, p.privilege)
        when p.privilege = 'USAGE' then false
        else has_table_privilege(r.role, rels.oid, p.privilege)
      end
      order by 1, 2, 3`);
    expect(leaks).toEqual([]);
  });

  it("the guard above is not vacuous: auth tables exist and a known grant is seen", async () => {
    const row = await db.engine().transaction((tx) =>
      tx.one<{ tables: number; sees_grant: boolean }>(sql`
        select (select count(*) from pg_tables where schemaname = 'auth') as tables,
               has_table_privilege('authenticated', 'public.organizations', 'SELECT') as sees_grant`),
    );
    expect(row.tables).toBeGreaterThanOrEqual(4);
    expect(row.sees_grant).toBe(true);
  });

  it("anon and authenticated have no privileges on app_private tables", async () => {
    const leaks = await query<{ role: string; relation: string }>(sql`
      select r.role, c.oid::regclass::text as relation
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      cross join unnest(array['anon', 'authenticated']) r(role)
      where n.nspname = 'app_private' and c.relkind in ('r', 'p')
        and (has_any_column_privilege(r.role, c.oid, 'SELECT') or has_any_column_privilege(r.role, c.oid, 'INSERT')
             or has_any_column_privilege(r.role, c.oid, 'UPDATE') or has_table_privilege(r.role, c.oid, 'DELETE')
             or has_table_privilege(r.role, c.oid, 'TRUNCATE'))
      order by 1, 2`);
    expect(leaks).toEqual([]);
  });
});
