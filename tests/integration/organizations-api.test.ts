/**
 * More organizations over HTTP: a signed-in user creates one and becomes its admin; slugs are made
 * from names, unique and URL-safe, reserved words are refused, a clash is 409 with a suggestion;
 * ORG_CREATION=none turns it off; the new organization is isolated from every other, table by table.
 * Also the role matrix of every route this capability adds.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as signup } from "@/app/api/auth/signup/route";
import { POST as verify } from "@/app/api/auth/verify-email/route";
import { DELETE as deleteMe, GET as me } from "@/app/api/me/route";
import { DELETE as deleteOrganization } from "@/app/api/organization/route";
import { GET as exportOrganization } from "@/app/api/organization/export/route";
import { POST as createOrganization } from "@/app/api/organizations/route";
import { GET as listDeleted } from "@/app/api/organizations/deleted/route";
import { POST as restore } from "@/app/api/organizations/[id]/restore/route";
import { GET as setupStatus, POST as setupPost } from "@/app/api/setup/route";
import { reloadConfig } from "@/server/config";
import { sql } from "@/server/db/sql";
import { asUserOn } from "@/server/db/transactions";
import { RESERVED_SLUGS, slugFromName } from "@/lib/organization-schemas";
import { ROLES, type Role } from "@/lib/permissions";
import { createOrgWithMembers, createUser, TEST_PASSWORD, type TestUser } from "../helpers/fixtures";
import { TestClient, type CallOptions } from "../helpers/http-client";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();
type Handler = Parameters<TestClient["call"]>[0];
const query = <Row,>(q: ReturnType<typeof sql>) => db.engine().transaction((tx) => tx.query<Row>(q));

async function signIn(email: string, password = TEST_PASSWORD) {
  const client = new TestClient();
  const res = await client.call(login, "/api/auth/login", { body: { email, password } });
  expect(res.status, `sign-in of ${email}`).toBe(200);
  return client;
}

/** The binary export, read as a status only (TestClient parses JSON). */
const statusOnly = (handler: Handler): Handler => async (req, ctx) => {
  const res = await handler(req, ctx);
  if (res.headers.get("content-type") === "application/zip") {
    await res.arrayBuffer();
    return Response.json({ zip: true }, { status: res.status });
  }
  return res;
};

afterEach(() => {
  delete process.env.ORG_CREATION;
  reloadConfig();
});

describe("slugs", () => {
  it("RESERVED_SLUGS equals the database's organizations_slug_not_reserved constraint", async () => {
    const [row] = await query<{ def: string }>(sql`
      select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'organizations_slug_not_reserved'`);
    const inSql = [...row!.def.matchAll(/'([a-z0-9-]+)'::text/g)].map((m) => m[1]).sort();
    expect(inSql).toEqual([...RESERVED_SLUGS].sort());
  });

  it("are made from names: lowercase ASCII, dashes, no reserved word", () => {
    expect(slugFromName("Acme Advisory Ltd.")).toBe("acme-advisory-ltd");
    expect(slugFromName("  Société Générale & Co  ")).toBe("societe-generale-co");
    expect(slugFromName("Admin")).toBe("admin-org");
    expect(slugFromName("!!!")).toBe("org");
    expect(slugFromName("x".repeat(80))).toHaveLength(48);
  });

  it("the database refuses a reserved slug whatever the path", async () => {
    await expect(query(sql`insert into public.organizations (slug, name) values ('login', 'Sneaky')`)).rejects.toMatchObject({ code: "23514" });
  });
});

describe("creating an organization", () => {
  let creator: TestUser;
  let client: TestClient;

  beforeAll(async () => {
    creator = await createUser(db.engine(), "creator@example.test");
    client = await signIn(creator.email);
  });

  it("makes the caller its admin, with the default dashboards and an org.created event", async () => {
    const res = await client.call<{ id: string; slug: string; role: string; timezone: string; currency: string }>(createOrganization, "/api/organizations", {
      body: { name: "Harbour Consulting", timezone: "Pacific/Auckland", currency: "nzd" },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ slug: "harbour-consulting", name: "Harbour Consulting", role: "admin", timezone: "Pacific/Auckland", currency: "NZD" });
    const profile = await client.call<{ organizations: { slug: string; role: string }[] }>(me, "/api/me");
    expect(profile.json.organizations).toEqual([expect.objectContaining({ slug: "harbour-consulting", role: "admin" })]);
    expect(await query(sql`select key from public.dashboards where org_id = ${res.json.id}::uuid`)).toHaveLength(3);
    const [event] = await query<{ actor_user_id: string; actor_type: string; metadata: Record<string, unknown> }>(sql`
      select actor_user_id, actor_type, metadata from public.audit_events where org_id = ${res.json.id}::uuid and action = 'org.created'`);
    expect(event).toEqual({ actor_user_id: creator.id, actor_type: "user", metadata: expect.objectContaining({ via: "app", slug: "harbour-consulting" }) });
  });

  it("answers 409 with a suggestion when a chosen slug is taken (by anybody), and makes a name's slug unique by itself", async () => {
    const other = await createOrgWithMembers(db.engine(), "taken-slug");
    const clash = await client.call(createOrganization, "/api/organizations", { body: { name: "Mine", slug: other.org.slug } });
    expect(clash.status).toBe(409);
    expect(clash.json).toMatchObject({ code: "CONFLICT", details: { field: "slug", suggestion: "taken-slug-2" } });
    const derived = await client.call<{ slug: string }>(createOrganization, "/api/organizations", { body: { name: "Taken Slug" } });
    expect(derived.status).toBe(201);
    expect(derived.json.slug).toBe("taken-slug-2");
    const suggestionNow = await client.call(createOrganization, "/api/organizations", { body: { name: "Mine", slug: "taken-slug" } });
    expect(suggestionNow.json).toMatchObject({ details: { suggestion: "taken-slug-3" } });
    // Nothing was created by the refused attempts.
    expect(await query(sql`select 1 from public.organizations where name = 'Mine'`)).toHaveLength(0);
  });

  it("refuses reserved, malformed and over-long input with field errors", async () => {
    for (const slug of ["api", "setup", "signup", "login", "Bad Slug", "-dash", "a".repeat(49)]) {
      const res = await client.call(createOrganization, "/api/organizations", { body: { name: "Whatever", slug } });
      expect(res.status, slug).toBe(422);
      expect(res.json).toMatchObject({ details: { slug: [expect.any(String)] } });
    }
    const res = await client.call(createOrganization, "/api/organizations", { body: { name: "", timezone: "Nowhere/Land", currency: "EURO" } });
    expect(res.status).toBe(422);
    expect(Object.keys((res.json as { details: object }).details).sort()).toEqual(["currency", "name", "timezone"]);
  });

  it("is turned off by ORG_CREATION=none (setup and the CLI still create organizations)", async () => {
    process.env.ORG_CREATION = "none";
    reloadConfig();
    const res = await client.call(createOrganization, "/api/organizations", { body: { name: "Not Allowed" } });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ code: "FORBIDDEN", error: expect.stringContaining("Creating organizations is turned off on this server") });
    expect(await query(sql`select 1 from public.organizations where name = 'Not Allowed'`)).toHaveLength(0);
  });

  it("a new organization is isolated from every other, in every table, both ways", async () => {
    const neighbour = await createOrgWithMembers(db.engine(), "neighbour");
    const created = await client.call<{ id: string }>(createOrganization, "/api/organizations", { body: { name: "Island Works" } });
    const island = created.json.id;
    // Some data in both (the sync writes synced tables as the service role).
    for (const orgId of [island, neighbour.org.id]) {
      await query(sql`insert into public.xero_contacts (org_id, external_id, name) values (${orgId}::uuid, ${randomUUID()}, 'Contact')`);
      await query(sql`insert into public.jobs (org_id, kind) values (${orgId}::uuid, 'system.noop')`);
    }
    const tables = await query<{ name: string }>(sql`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id'
      where n.nspname = 'public' and c.relkind = 'r' order by 1`);
    expect(tables.length).toBeGreaterThan(15);
    const seen = async (user: TestUser, orgId: string) => {
      const counts: Record<string, number> = {};
      for (const { name } of tables) {
        // A table the role has no grant on at all (OAuth tokens) is "permission denied": nothing seen.
        const [row] = await asUserOn(db.engine(), user.claims, (tx) =>
          tx.query<{ n: number }>(sql([`select count(*) as n from public."${name}" where org_id = `, "::uuid"], orgId)),
        ).catch((error: { code?: string }) => {
          if (error.code !== "42501") throw error;
          return [{ n: 0 }];
        });
        counts[name] = row!.n;
      }
      return Object.entries(counts).filter(([, n]) => n > 0).map(([t]) => t);
    };
    expect(await seen(neighbour.members.admin, island)).toEqual([]);
    expect(await seen(creator, neighbour.org.id)).toEqual([]);
    expect(await seen(creator, island)).toEqual(expect.arrayContaining(["audit_events", "dashboards", "jobs", "org_members", "xero_contacts"]));
    const outsider = await signIn(neighbour.members.admin.email);
    const probe = await outsider.call(exportOrganization, "/api/organization/export", { headers: { "x-org-id": island } });
    expect(probe.status).toBe(404);
  });
});

describe("role matrix of the organization lifecycle routes", () => {
  let acme: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let globex: Awaited<ReturnType<typeof createOrgWithMembers>>;
  const clients = {} as Record<Role | "other org admin" | "anonymous", TestClient>;
  const callers = ["admin", "executive", "finance", "operator", "staff", "other org admin", "anonymous"] as const;
  const statuses = (list: number[]) => Object.fromEntries(callers.map((k, i) => [k, list[i]!]));

  beforeAll(async () => {
    acme = await createOrgWithMembers(db.engine(), "acme-lifecycle");
    globex = await createOrgWithMembers(db.engine(), "globex-lifecycle");
    for (const role of ROLES) clients[role] = await signIn(acme.members[role].email);
    clients["other org admin"] = await signIn(globex.members.admin.email);
    clients.anonymous = new TestClient();
  });

  type Case = { name: string; handler: Handler; path: string; options: () => CallOptions; expect: Record<string, number> };
  const cases: Case[] = [
    // Every signed-in member may create an organization of their own.
    { name: "POST /api/organizations", handler: createOrganization, path: "/api/organizations", options: () => ({ body: { name: `Matrix ${randomUUID().slice(0, 6)}` } }), expect: statuses([201, 201, 201, 201, 201, 201, 401]) },
    { name: "GET /api/organizations/deleted", handler: listDeleted, path: "/api/organizations/deleted", options: () => ({}), expect: statuses([200, 200, 200, 200, 200, 200, 401]) },
    { name: "POST /api/organizations/{id}/restore (not deleted)", handler: restore, path: "/api/organizations/x/restore", options: () => ({ method: "POST", params: { id: acme.org.id } }), expect: statuses([409, 404, 404, 404, 404, 404, 401]) },
    { name: "POST /api/organizations/{id}/restore (malformed id)", handler: restore, path: "/api/organizations/x/restore", options: () => ({ method: "POST", params: { id: "nope" } }), expect: statuses([404, 404, 404, 404, 404, 404, 404]) },
    { name: "GET /api/organization/export", handler: statusOnly(exportOrganization), path: "/api/organization/export", options: () => ({}), expect: statuses([200, 403, 403, 403, 403, 404, 401]) },
    // A wrong confirmation: the permission passes, then 422, and nothing is deleted.
    { name: "DELETE /api/organization (wrong confirm)", handler: deleteOrganization, path: "/api/organization", options: () => ({ method: "DELETE", body: { confirm: "not-the-slug" } }), expect: statuses([422, 403, 403, 403, 403, 404, 401]) },
    { name: "DELETE /api/me (wrong confirm)", handler: deleteMe, path: "/api/me", options: () => ({ method: "DELETE", body: { confirm: "someone@else.test" } }), expect: statuses([422, 422, 422, 422, 422, 422, 401]) },
    // Users exist: setup is gone for everybody.
    { name: "GET /api/setup", handler: setupStatus, path: "/api/setup", options: () => ({}), expect: statuses([404, 404, 404, 404, 404, 404, 404]) },
    { name: "POST /api/setup", handler: setupPost, path: "/api/setup", options: () => ({ body: { token: "x".repeat(20), organizationName: "X", name: "X", email: "x@x.test", password: "long-enough-1" } }), expect: statuses([404, 404, 404, 404, 404, 404, 404]) },
    { name: "POST /api/auth/verify-email (forged)", handler: verify, path: "/api/auth/verify-email", options: () => ({ body: { token: "B".repeat(43) } }), expect: statuses([400, 400, 400, 400, 400, 400, 400]) },
    { name: "POST /api/auth/signup (bad input)", handler: signup, path: "/api/auth/signup", options: () => ({ body: { email: "x" } }), expect: statuses([422, 422, 422, 422, 422, 422, 422]) },
  ];

  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const got: Record<string, number> = {};
    for (const caller of callers) {
      const options = c.options();
      const res = await clients[caller].call(c.handler, c.path, { ...options, headers: { "x-org-id": acme.org.slug, ...options.headers } });
      got[caller] = res.status;
      if (res.status >= 400) expect(res.json).toEqual(expect.objectContaining({ code: expect.any(String), requestId: expect.any(String) }));
    }
    expect(got).toEqual(c.expect);
  });

  it("left every organization and account in place", async () => {
    const rows = await query<{ slug: string; deleted_at: Date | null }>(sql`
      select slug, deleted_at from public.organizations where slug in ('acme-lifecycle', 'globex-lifecycle') order by slug`);
    expect(rows).toEqual([{ slug: "acme-lifecycle", deleted_at: null }, { slug: "globex-lifecycle", deleted_at: null }]);
    expect(await query(sql`select 1 from public.org_members where org_id = ${acme.org.id}::uuid`)).toHaveLength(5);
  });
});
