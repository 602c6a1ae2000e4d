/**
 * Deleting an organization over HTTP: typed slug, hidden from every member at once (every table,
 * every route), its Xero connection disconnected (Xero told), queued jobs cancelled; restorable by
 * its admins until the purge date; then purged by the org.purge job with everything it held. And a
 * user deleting their own account, refused while the last admin of a live organization.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as lookupInvitation } from "@/app/api/invitations/[key]/route";
import { DELETE as deleteMe, GET as me } from "@/app/api/me/route";
import { DELETE as deleteOrganization, GET as getOrganization } from "@/app/api/organization/route";
import { GET as listDeleted } from "@/app/api/organizations/deleted/route";
import { POST as restore } from "@/app/api/organizations/[id]/restore/route";
import { reloadConfig, syncConfig } from "@/server/config";
import { sql } from "@/server/db/sql";
import { asUserOn } from "@/server/db/transactions";
import { newInvitationToken } from "@/server/invitations/new-invitation-token";
import { jobDatabase } from "@/server/jobs/job-database";
import { jobRegistry } from "@edge-shared/jobs/shared-job-registry.ts";
import { orgPurgeSchedule } from "@edge-shared/jobs/kinds/org-purge.ts";
import { claimJobs } from "@edge-shared/jobs/queue.ts";
import { runClaimedJob } from "@edge-shared/jobs/run-job.ts";
import { enqueueScheduled } from "@edge-shared/jobs/worker.ts";
import { ROLES, type Role } from "@/lib/permissions";
import { startXeroFake, type XeroFake } from "@/server/demo/xero-fake/xero-fake";
import { addMember, createOrgWithMembers, createUser, TEST_PASSWORD, type TestUser } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";
import { connectFakeTenants } from "@/server/demo/xero-fake/connect-fake-tenants";
import { FAKE_REDIRECT_URI as TEST_REDIRECT_URI } from "@/server/demo/xero-fake/fake-sync-settings";
import { enterSupabaseMode } from "../helpers/supabase-mode";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();
const { query } = db;
const XERO_ENV = ["XERO_CLIENT_ID", "XERO_CLIENT_SECRET", "XERO_REDIRECT_URI", "XERO_LOGIN_URL", "XERO_IDENTITY_URL", "XERO_API_URL", "XPM_BASE_URL"] as const;

let orgTables: string[] = [];

/** Rows of the organization each table shows this user (RLS), for every table with an org_id. */
async function visibleTo(user: TestUser, orgId: string): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (const name of orgTables) {
    const [row] = await asUserOn(db.engine(), user.claims, (tx) =>
      tx.query<{ n: number }>(sql([`select count(*) as n from public."${name}" where org_id = `, "::uuid"], orgId)),
    ).catch((error: { code?: string }) => {
      if (error.code !== "42501") throw error;
      return [{ n: 0 }];
    });
    if (row!.n > 0) seen[name] = row!.n;
  }
  return seen;
}

/** Every row any table still holds for the organization, read as the owner. */
async function leftOver(orgId: string): Promise<Record<string, number>> {
  const left: Record<string, number> = {};
  for (const name of [...orgTables, "organizations"]) {
    const column = name === "organizations" ? "id" : "org_id";
    const [row] = await query<{ n: number }>(sql([`select count(*) as n from public."${name}" where "${column}" = `, "::uuid"], orgId));
    if (row!.n > 0) left[name] = row!.n;
  }
  return left;
}

async function runDuePurges() {
  const jdb = jobDatabase(db.engine());
  await enqueueScheduled(jdb, jobRegistry, [orgPurgeSchedule]);
  const outcomes: { orgId: string; outcome: string }[] = [];
  for (;;) {
    const [job] = await jdb.transaction((tx) => claimJobs(tx, { workerId: "test", kinds: ["org.purge"], leaseSeconds: 30 }));
    if (!job) return outcomes;
    outcomes.push({ orgId: job.org_id ?? "(none)", outcome: await runClaimedJob(jdb, jobRegistry, job, { leaseSeconds: 30 }) });
  }
}

describe("deleting an organization", () => {
  let fake: XeroFake;
  let acme: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let globex: Awaited<ReturnType<typeof createOrgWithMembers>>;
  const clients = {} as Record<Role | "other org admin", TestClient>;
  let invitationToken: string;
  let queuedJobId: string;
  const headers = () => ({ "x-org-id": acme.org.slug });

  beforeAll(async () => {
    fake = await startXeroFake({ redirectUris: [TEST_REDIRECT_URI] });
    Object.assign(process.env, {
      XERO_CLIENT_ID: fake.clientId,
      XERO_CLIENT_SECRET: fake.clientSecret,
      XERO_REDIRECT_URI: TEST_REDIRECT_URI,
      XERO_LOGIN_URL: fake.url,
      XERO_IDENTITY_URL: fake.url,
      XERO_API_URL: fake.apiUrl,
      XPM_BASE_URL: fake.xpmUrl,
    });
    reloadConfig();
    const tenant = fake.addTenant("ORGANISATION", "Acme Ledger").tenantId;
    acme = await createOrgWithMembers(db.engine(), "acme-deletion");
    globex = await createOrgWithMembers(db.engine(), "globex-deletion");
    await connectFakeTenants(db.engine(), acme.org.id, fake, syncConfig(), [tenant]);
    for (const role of ROLES) clients[role] = await signIn(acme.members[role].email);
    clients["other org admin"] = await signIn(globex.members.admin.email);
    const { token, hash } = newInvitationToken();
    invitationToken = token;
    const [job] = await query<{ id: string }>(sql`insert into public.jobs (org_id, kind) values (${acme.org.id}::uuid, 'system.noop') returning id`);
    queuedJobId = job!.id;
    await query(sql`
      insert into public.org_invitations (org_id, email, role, token_hash, invited_by, expires_at)
      values (${acme.org.id}::uuid, 'invitee@example.test', 'staff', ${hash}, ${acme.members.admin.id}, now() + interval '7 days')`);
    for (const orgId of [acme.org.id, globex.org.id]) {
      await query(sql`insert into public.xero_contacts (org_id, external_id, name) select ${orgId}::uuid, 'c-' || g, 'Contact ' || g from generate_series(1, 40) g`);
    }
    orgTables = (await query<{ name: string }>(sql`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
      where n.nspname = 'public' and c.relkind = 'r' order by 1`)).map((r) => r.name);
  });

  afterAll(async () => {
    for (const name of XERO_ENV) delete process.env[name];
    reloadConfig();
    await fake?.close();
  });

  it("needs the slug typed and org.manage; a refusal changes nothing", async () => {
    const wrong = await clients.admin.call(deleteOrganization, "/api/organization", { method: "DELETE", body: { confirm: "acme" }, headers: headers() });
    expect(wrong.status).toBe(422);
    expect(wrong.json).toMatchObject({ details: { confirm: ["Type acme-deletion to confirm"] } });
    const staff = await clients.staff.call(deleteOrganization, "/api/organization", { method: "DELETE", body: { confirm: "acme-deletion" }, headers: headers() });
    expect(staff.status).toBe(403);
    expect(await query(sql`select 1 from public.organizations where id = ${acme.org.id}::uuid and deleted_at is null`)).toHaveLength(1);
    expect(await query(sql`select 1 from public.integration_connections where org_id = ${acme.org.id}::uuid and status = 'connected'`)).toHaveLength(1);
    expect((await clients.admin.call(lookupInvitation, "/api/invitations/x", { params: { key: invitationToken } })).status).toBe(200);
  });

  it("hides the organization from every member at once, disconnects Xero and cancels its queued jobs", async () => {
    const before = await visibleTo(acme.members.admin, acme.org.id);
    expect(before).toMatchObject({ xero_contacts: 40, org_members: 5, integration_connections: 1, jobs: 1 });
    fake.resetCalls();
    const res = await clients.admin.call<{ slug: string; deletedAt: string; purgeAfter: string }>(deleteOrganization, "/api/organization", {
      method: "DELETE",
      body: { confirm: "acme-deletion" },
      headers: headers(),
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.slug).toBe("acme-deletion");
    const graceMs = new Date(res.json.purgeAfter).getTime() - new Date(res.json.deletedAt).getTime();
    expect(Math.round(graceMs / 86_400_000)).toBe(30);

    for (const role of ROLES) {
      expect(await visibleTo(acme.members[role], acme.org.id), role).toEqual({});
      const profile = await clients[role].call<{ organizations: unknown[] }>(me, "/api/me");
      expect(profile.json.organizations, role).toEqual([]);
      expect((await clients[role].call(getOrganization, "/api/organization", { headers: headers() })).status, role).toBe(404);
    }
    // Xero was told, tokens are gone, the connection reads as disconnected.
    expect(fake.calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual([expect.stringMatching(/^\/connections\//)]);
    expect(await query(sql`select status from public.integration_connections where org_id = ${acme.org.id}::uuid`)).toEqual([{ status: "disconnected" }]);
    expect(await query(sql`select 1 from public.integration_token_sets where org_id = ${acme.org.id}::uuid`)).toHaveLength(0);
    expect(await query(sql`select status, error from public.jobs where id = ${queuedJobId}::uuid`)).toEqual([{ status: "cancelled", error: "The organization was deleted" }]);
    // Its invitation links stop working.
    expect((await new TestClient().call(lookupInvitation, "/api/invitations/x", { params: { key: invitationToken } })).status).toBe(400);
    const events = await query<{ action: string }>(sql`select action from public.audit_events where org_id = ${acme.org.id}::uuid and action in ('integration.disconnected', 'org.deleted') order by id`);
    expect(events.map((e) => e.action)).toEqual(["integration.disconnected", "org.deleted"]);
    // The other organization noticed nothing.
    expect(await visibleTo(globex.members.admin, globex.org.id)).toMatchObject({ xero_contacts: 40, org_members: 5 });
  });

  it("is listed for its admins only, and restorable by them only", async () => {
    const listed = await clients.admin.call<{ items: { id: string; slug: string; deletedByEmail: string }[] }>(listDeleted, "/api/organizations/deleted");
    expect(listed.json.items).toEqual([expect.objectContaining({ id: acme.org.id, slug: "acme-deletion", deletedByEmail: acme.members.admin.email })]);
    for (const caller of ["executive", "finance", "operator", "staff", "other org admin"] as const) {
      expect((await clients[caller].call<{ items: unknown[] }>(listDeleted, "/api/organizations/deleted")).json.items, caller).toEqual([]);
      const refused = await clients[caller].call(restore, "/api/organizations/x/restore", { method: "POST", params: { id: acme.org.id } });
      expect(refused.status, caller).toBe(404);
    }
    const restored = await clients.admin.call<{ slug: string; role: string }>(restore, "/api/organizations/x/restore", { method: "POST", params: { id: acme.org.id } });
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ slug: "acme-deletion", role: "admin" });
    for (const role of ROLES) {
      expect((await clients[role].call<{ organizations: { slug: string }[] }>(me, "/api/me")).json.organizations.map((o) => o.slug), role).toEqual(["acme-deletion"]);
    }
    expect(await visibleTo(acme.members.admin, acme.org.id)).toMatchObject({ xero_contacts: 40, org_members: 5 });
    // Xero stays disconnected until an admin reconnects it.
    expect(await query(sql`select status from public.integration_connections where org_id = ${acme.org.id}::uuid`)).toEqual([{ status: "disconnected" }]);
    const again = await clients.admin.call(restore, "/api/organizations/x/restore", { method: "POST", params: { id: acme.org.id } });
    expect(again.status).toBe(409);
    const [event] = await query<{ actor_user_id: string }>(sql`select actor_user_id from public.audit_events where org_id = ${acme.org.id}::uuid and action = 'org.restored'`);
    expect(event!.actor_user_id).toBe(acme.members.admin.id);
  });

  it("is purged by the org.purge job once the grace period is over, and cannot be restored then", async () => {
    const res = await clients.admin.call(deleteOrganization, "/api/organization", { method: "DELETE", body: { confirm: "acme-deletion" }, headers: headers() });
    expect(res.status).toBe(200);
    // Not due yet: the hourly schedule plans nothing for it.
    expect(await runDuePurges()).toEqual([]);
    await query(sql`update public.organizations set purge_after = now() - interval '1 minute' where id = ${acme.org.id}::uuid`);
    const late = await clients.admin.call(restore, "/api/organizations/x/restore", { method: "POST", params: { id: acme.org.id } });
    expect(late.status).toBe(409);
    expect((await clients.admin.call<{ items: unknown[] }>(listDeleted, "/api/organizations/deleted")).json.items).toEqual([]);

    const outcomes = await runDuePurges();
    // The job's own row belongs to the organization and goes with it, so the runner finds nothing to settle.
    expect(outcomes).toEqual([{ orgId: acme.org.id, outcome: "lost" }]);
    expect(await leftOver(acme.org.id)).toEqual({});
    expect(await query(sql`select 1 from auth.users where id = ${acme.members.admin.id}`)).toHaveLength(1);
    const [purged] = await query<{ org_id: string | null; actor_type: string; target_id: string; metadata: { slug: string; rows: number } }>(sql`
      select org_id, actor_type, target_id, metadata from public.audit_events where action = 'org.purged'`);
    expect(purged).toMatchObject({ org_id: null, actor_type: "job", target_id: acme.org.id, metadata: { slug: "acme-deletion" } });
    expect(purged!.metadata.rows).toBeGreaterThanOrEqual(40);
    expect(await visibleTo(globex.members.admin, globex.org.id)).toMatchObject({ xero_contacts: 40, org_members: 5 });
    expect(await runDuePurges()).toEqual([]);
  });

  it("a purge job leaves a restored organization alone", async () => {
    const { enqueue } = await import("@edge-shared/jobs/queue.ts");
    const jdb = jobDatabase(db.engine());
    await jdb.transaction((tx) => enqueue(tx, jobRegistry, { orgId: globex.org.id, kind: "org.purge" }));
    const [job] = await jdb.transaction((tx) => claimJobs(tx, { workerId: "test", kinds: ["org.purge"], leaseSeconds: 30 }));
    expect(await runClaimedJob(jdb, jobRegistry, job!, { leaseSeconds: 30 })).toBe("succeeded");
    const [row] = await query<{ result: { purged: boolean } }>(sql`select result from public.jobs where id = ${job!.id}::uuid`);
    expect(row!.result.purged).toBe(false);
    expect(await leftOver(globex.org.id)).toMatchObject({ organizations: 1, xero_contacts: 40 });
  });
});

describe("deleting one's own account", () => {
  it("is refused to the last admin of a live organization, naming it; allowed once another admin exists", async () => {
    const solo = await createOrgWithMembers(db.engine(), "solo-admin");
    const admin = await signIn(solo.members.admin.email);
    const refused = await admin.call(deleteMe, "/api/me", { method: "DELETE", body: { confirm: solo.members.admin.email } });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ code: "CONFLICT", details: { organizations: [{ slug: "solo-admin", name: "Test Org" }] } });
    expect(await query(sql`select 1 from auth.users where id = ${solo.members.admin.id}`)).toHaveLength(1);

    const second = await createUser(db.engine(), "second-admin@example.test");
    await addMember(db.engine(), solo.org.id, second.id, "admin");
    const done = await admin.call(deleteMe, "/api/me", { method: "DELETE", body: { confirm: solo.members.admin.email.toUpperCase() } });
    expect(done.status).toBe(204);
    expect(admin.cookies.size).toBe(0);
    expect(await query(sql`select 1 from auth.users where id = ${solo.members.admin.id}`)).toHaveLength(0);
    expect(await query(sql`select 1 from public.org_members where user_id = ${solo.members.admin.id}`)).toHaveLength(0);
    expect((await new TestClient().call(login, "/api/auth/login", { body: { email: solo.members.admin.email, password: TEST_PASSWORD } })).status).toBe(401);
    const events = await query<{ org_id: string | null; actor_user_id: string }>(sql`
      select org_id, actor_user_id from public.audit_events where action = 'account.deleted' and actor_user_id = ${solo.members.admin.id} order by id`);
    expect(events).toEqual([
      { org_id: solo.org.id, actor_user_id: solo.members.admin.id },
      { org_id: null, actor_user_id: solo.members.admin.id },
    ]);
  });

  it("a member deletes their account; the sessions of it stop working at once", async () => {
    const org = await createOrgWithMembers(db.engine(), "member-leaves");
    const staff = await signIn(org.members.staff.email);
    const copy = new TestClient();
    for (const [k, v] of staff.cookies) copy.cookies.set(k, v);
    expect((await staff.call(deleteMe, "/api/me", { method: "DELETE", body: { confirm: org.members.staff.email } })).status).toBe(204);
    expect((await copy.call(me, "/api/me")).status).toBe(401);
  });

  it("being the last admin of a deleted organization does not block it", async () => {
    const org = await createOrgWithMembers(db.engine(), "gone-org");
    const admin = await signIn(org.members.admin.email);
    expect((await admin.call(deleteOrganization, "/api/organization", { method: "DELETE", body: { confirm: "gone-org" }, headers: { "x-org-id": "gone-org" } })).status).toBe(200);
    expect((await admin.call(deleteMe, "/api/me", { method: "DELETE", body: { confirm: org.members.admin.email } })).status).toBe(204);
  });
});

describe("deleting one's own account in Supabase mode", () => {
  const supa = setupTestDatabase();

  it("goes through the admin API, and the profile and memberships go with the user", async () => {
    const { fake, stop } = await enterSupabaseMode(supa.engine);
    try {
      const user = fake.addUser({ email: "leaver@example.test", password: "leaver-password-1" });
      await supa.engine().transaction((tx) =>
        tx.query(sql`insert into auth.users (id, email, email_confirmed_at) values (${user.id}, ${user.email}, now())`),
      );
      const org = await createOrgWithMembers(supa.engine(), "supa-leaver");
      await addMember(supa.engine(), org.org.id, user.id, "finance");
      const client = new TestClient();
      expect((await client.call(login, "/api/auth/login", { body: { email: user.email, password: "leaver-password-1" } })).status).toBe(200);
      const res = await client.call(deleteMe, "/api/me", { method: "DELETE", body: { confirm: user.email } });
      expect(res.status, JSON.stringify(res.json)).toBe(204);
      expect(fake.requests).toContain(`DELETE /auth/v1/admin/users/${user.id}`);
      expect(fake.users.has(user.id)).toBe(false);
      const rows = await supa.engine().transaction((tx) =>
        tx.query(sql`select 1 from public.org_members where user_id = ${user.id} union all select 1 from public.user_profiles where user_id = ${user.id}`),
      );
      expect(rows).toHaveLength(0);
    } finally {
      await stop();
    }
  });
});
