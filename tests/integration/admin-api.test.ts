/**
 * The admin API over HTTP (route handlers in-process): the role matrix over every admin endpoint,
 * invitations and their edge cases, rank rules and the last-admin guard, loss of access, bad input.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/me/route";
import { GET as listUsers, POST as postUsers } from "@/app/api/users/route";
import { POST as invite } from "@/app/api/users/invite/route";
import { DELETE as deleteUser, GET as getUser, PATCH as patchUser } from "@/app/api/users/[userId]/route";
import { GET as listInvitations } from "@/app/api/invitations/route";
import { DELETE as revokeInvitation, GET as lookupInvitation } from "@/app/api/invitations/[key]/route";
import { POST as acceptInvitation } from "@/app/api/invitations/[key]/accept/route";
import { POST as resendInvitation } from "@/app/api/invitations/[key]/resend/route";
import { GET as audit } from "@/app/api/audit/route";
import type { AuditPageView } from "@/lib/audit-views";
import { describeAuditEvent } from "@/lib/describe-audit-event";
import { GET as getOrganization, PATCH as patchOrganization } from "@/app/api/organization/route";
import { GET as roles } from "@/app/api/roles/route";
import { GET as outbox } from "@/app/api/email/outbox/route";
import { reloadConfig } from "@/server/config";
import { listOutbox } from "@/server/email/send-email";
import { sql } from "@/server/db/sql";
import { ROLES, type Role } from "@/lib/permissions";
import { signIn } from "../helpers/sign-in";
import { setupTestDatabase } from "../helpers/test-db";
import { addMember, createOrg, createOrgWithMembers, createUser, type TestUser } from "../helpers/fixtures";
import { TestClient, type CallOptions } from "../helpers/http-client";

const db = setupTestDatabase();
type Handler = Parameters<TestClient["call"]>[0];

const token32 = () => randomBytes(32).toString("base64url");

async function invitationLink(email: string): Promise<string> {
  const [message] = await listOutbox({ to: email, limit: 1 });
  const token = message?.text_body.match(/\/invite\/([A-Za-z0-9_-]{43})/)?.[1];
  expect(token, `an invitation email to ${email}`).toBeDefined();
  return token!;
}

/** TestClient reads JSON; a CSV answer becomes `{ csv: <text> }` with the same status. */
const csvAsJson = (handler: Handler): Handler => async (req, ctx) => {
  const res = await handler(req, ctx);
  if (!res.headers.get("content-type")?.startsWith("text/csv")) return res;
  return Response.json({ csv: await res.text() }, { status: res.status });
};

const { query } = db;

describe("admin API", () => {
  let acme: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let globex: Awaited<ReturnType<typeof createOrgWithMembers>>;
  const clients = {} as Record<Role | "other org admin" | "anonymous", TestClient>;
  let acmeHeaders: Record<string, string>;

  beforeAll(async () => {
    acme = await createOrgWithMembers(db.engine(), "acme-admin");
    globex = await createOrgWithMembers(db.engine(), "globex-admin");
    for (const role of ROLES) clients[role] = await signIn(acme.members[role].email);
    clients["other org admin"] = await signIn(globex.members.admin.email);
    clients.anonymous = new TestClient();
    acmeHeaders = { "x-org-id": acme.org.slug };
  });

  afterEach(() => {
    delete process.env.INVITE_MAX_PER_HOUR;
    reloadConfig();
  });

  describe("role matrix: every endpoint × every role, a member of another organization and anonymous", () => {
    type Case = { name: string; handler: Handler; path: string; options: () => CallOptions; expect: Record<string, number> };
    // admin, executive, finance, operator, staff, other org admin, anonymous
    const statuses = (list: number[]) => Object.fromEntries(["admin", "executive", "finance", "operator", "staff", "other org admin", "anonymous"].map((k, i) => [k, list[i]!]));
    const cases: Case[] = [
      { name: "GET /api/users", handler: listUsers, path: "/api/users", options: () => ({}), expect: statuses([200, 200, 403, 403, 403, 404, 401]) },
      { name: "GET /api/users/{userId}", handler: getUser, path: "/api/users/x", options: () => ({ params: { userId: acme.members.staff.id } }), expect: statuses([200, 200, 403, 403, 403, 404, 401]) },
      // A no-op change (staff stays staff): authorized callers get 200 and nothing changes.
      { name: "PATCH /api/users/{userId}", handler: patchUser, path: "/api/users/x", options: () => ({ method: "PATCH", params: { userId: acme.members.staff.id }, body: { role: "staff" } }), expect: statuses([200, 200, 403, 403, 403, 404, 401]) },
      { name: "DELETE /api/users/{userId} (unknown member)", handler: deleteUser, path: "/api/users/x", options: () => ({ method: "DELETE", params: { userId: randomUUID() } }), expect: statuses([404, 404, 403, 403, 403, 404, 401]) },
      // Inviting an existing member: the permission passes, then 409.
      { name: "POST /api/users/invite", handler: invite, path: "/api/users/invite", options: () => ({ body: { email: acme.members.staff.email, role: "staff" } }), expect: statuses([409, 409, 403, 403, 403, 404, 401]) },
      { name: "POST /api/users", handler: postUsers, path: "/api/users", options: () => ({ body: { email: acme.members.staff.email, role: "staff" } }), expect: statuses([409, 409, 403, 403, 403, 404, 401]) },
      { name: "GET /api/invitations", handler: listInvitations, path: "/api/invitations", options: () => ({}), expect: statuses([200, 200, 403, 403, 403, 404, 401]) },
      { name: "DELETE /api/invitations/{id} (unknown)", handler: revokeInvitation, path: "/api/invitations/x", options: () => ({ method: "DELETE", params: { key: randomUUID() } }), expect: statuses([404, 404, 403, 403, 403, 404, 401]) },
      { name: "POST /api/invitations/{id}/resend (unknown)", handler: resendInvitation, path: "/api/invitations/x/resend", options: () => ({ method: "POST", params: { key: randomUUID() } }), expect: statuses([404, 404, 403, 403, 403, 404, 401]) },
      { name: "GET /api/invitations/{token} (forged)", handler: lookupInvitation, path: "/api/invitations/x", options: () => ({ params: { key: token32() } }), expect: statuses([400, 400, 400, 400, 400, 400, 400]) },
      { name: "POST /api/invitations/{token}/accept (forged)", handler: acceptInvitation, path: "/api/invitations/x/accept", options: () => ({ params: { key: token32() }, body: {} }), expect: statuses([400, 400, 400, 400, 400, 400, 400]) },
      { name: "GET /api/audit", handler: audit, path: "/api/audit", options: () => ({}), expect: statuses([200, 200, 403, 403, 403, 404, 401]) },
      { name: "GET /api/audit?format=csv", handler: csvAsJson(audit), path: "/api/audit", options: () => ({ query: { format: "csv" } }), expect: statuses([200, 200, 403, 403, 403, 404, 401]) },
      { name: "GET /api/organization", handler: getOrganization, path: "/api/organization", options: () => ({}), expect: statuses([200, 403, 403, 403, 403, 404, 401]) },
      { name: "PATCH /api/organization", handler: patchOrganization, path: "/api/organization", options: () => ({ method: "PATCH", body: { currency: "USD" } }), expect: statuses([200, 403, 403, 403, 403, 404, 401]) },
      { name: "GET /api/email/outbox", handler: outbox, path: "/api/email/outbox", options: () => ({}), expect: statuses([200, 403, 403, 403, 403, 404, 401]) },
      { name: "GET /api/roles", handler: roles, path: "/api/roles", options: () => ({}), expect: statuses([200, 200, 403, 403, 403, 404, 401]) },
    ];
    const callers = ["admin", "executive", "finance", "operator", "staff", "other org admin", "anonymous"] as const;

    it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
      const got: Record<string, number> = {};
      for (const caller of callers) {
        const options = c.options();
        const res = await clients[caller].call(c.handler, c.path, { ...options, headers: { ...acmeHeaders, ...options.headers } });
        got[caller] = res.status;
        if (res.status >= 400) expect(res.json).toEqual(expect.objectContaining({ code: expect.any(String), requestId: expect.any(String) }));
      }
      expect(got).toEqual(c.expect);
    });

    it("left everything as it was", async () => {
      const [staff] = await query<{ role: string; status: string }>(sql`select role, status from public.org_members where user_id = ${acme.members.staff.id}`);
      expect(staff).toEqual({ role: "staff", status: "active" });
    });
  });

  describe("members", () => {
    it("lists members with search, role and status filters and pagination", async () => {
      const all = await clients.admin.call<{ items: { email: string; role: string }[]; total: number }>(listUsers, "/api/users", { headers: acmeHeaders });
      expect(all.status).toBe(200);
      expect(all.json.total).toBe(5);
      const finance = await clients.admin.call<{ items: { email: string }[]; total: number }>(listUsers, "/api/users", { headers: acmeHeaders, query: { role: "finance" } });
      expect(finance.json.items.map((m) => m.email)).toEqual([acme.members.finance.email]);
      const search = await clients.admin.call<{ items: { email: string }[] }>(listUsers, "/api/users", { headers: acmeHeaders, query: { search: "OPERATOR-" } });
      expect(search.json.items.map((m) => m.email)).toEqual([acme.members.operator.email]);
      const wildcard = await clients.admin.call<{ items: unknown[] }>(listUsers, "/api/users", { headers: acmeHeaders, query: { search: "%" } });
      expect(wildcard.json.items).toEqual([]);
      const page2 = await clients.admin.call<{ items: unknown[]; total: number; page: number }>(listUsers, "/api/users", { headers: acmeHeaders, query: { pageSize: "2", page: "3" } });
      expect(page2.json).toMatchObject({ total: 5, page: 3 });
      expect(page2.json.items).toHaveLength(1);
      const bad = await clients.admin.call(listUsers, "/api/users", { headers: acmeHeaders, query: { role: "owner", status: "gone" } });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.json.details as object).sort()).toEqual(["role", "status"]);
    });

    it("refuses tampered role and status values with 422 and changes nothing", async () => {
      for (const body of [{ role: "superadmin" }, { role: "Admin" }, { status: "banned" }, { role: "admin", status: "active" }, {}, { role: ["admin"] }]) {
        const res = await clients.admin.call(patchUser, "/api/users/x", { method: "PATCH", headers: acmeHeaders, params: { userId: acme.members.staff.id }, body });
        expect(res.status, JSON.stringify(body)).toBe(422);
        expect(res.json.code).toBe("VALIDATION_FAILED");
      }
      const notUuid = await clients.admin.call(patchUser, "/api/users/x", { method: "PATCH", headers: acmeHeaders, params: { userId: "1 or 1=1" }, body: { role: "staff" } });
      expect(notUuid.status).toBe(404);
    });

    it("does not reach members of another organization (404, nothing changed)", async () => {
      const res = await clients.admin.call(patchUser, "/api/users/x", { method: "PATCH", headers: acmeHeaders, params: { userId: globex.members.staff.id }, body: { role: "admin" } });
      expect(res.status).toBe(404);
      const del = await clients.admin.call(deleteUser, "/api/users/x", { method: "DELETE", headers: acmeHeaders, params: { userId: globex.members.staff.id } });
      expect(del.status).toBe(404);
      const [row] = await query<{ role: string }>(sql`select role from public.org_members where user_id = ${globex.members.staff.id}`);
      expect(row?.role).toBe("staff");
    });

    it("enforces rank rules, no self-escalation and writes the audit event", async () => {
      const org = await createOrgWithMembers(db.engine(), "rank-api");
      const h = { "x-org-id": org.org.slug };
      const exec = await signIn(org.members.executive.email);
      const patch = (client: TestClient, user: TestUser, body: object) =>
        client.call(patchUser, "/api/users/x", { method: "PATCH", headers: h, params: { userId: user.id }, body });
      expect((await patch(exec, org.members.admin, { role: "staff" })).json.code).toBe("FORBIDDEN");
      expect((await patch(exec, org.members.staff, { role: "executive" })).status).toBe(403);
      expect((await patch(exec, org.members.staff, { role: "admin" })).status).toBe(403);
      expect((await patch(exec, org.members.executive, { role: "admin" })).status).toBe(403);
      expect((await exec.call(deleteUser, "/api/users/x", { method: "DELETE", headers: h, params: { userId: org.members.admin.id } })).status).toBe(403);
      const ok = await patch(exec, org.members.staff, { role: "finance" });
      expect(ok.status).toBe(200);
      expect(ok.json).toMatchObject({ userId: org.members.staff.id, role: "finance" });
      const events = await query<{ action: string; actor_user_id: string; metadata: object; request_id: string; user_agent: string }>(sql`
        select action, actor_user_id, metadata, request_id, user_agent from public.audit_events where org_id = ${org.org.id} and action = 'member.role_changed'`);
      expect(events).toEqual([{ action: "member.role_changed", actor_user_id: org.members.executive.id, metadata: { from: "staff", to: "finance" }, request_id: ok.headers.get("x-request-id"), user_agent: "vitest" }]);
      // The role-changed email went to the member.
      expect((await listOutbox({ to: org.members.staff.email }))[0]?.template).toBe("role-changed");
      // An admin may assign any role, including admin.
      const admin = await signIn(org.members.admin.email);
      expect((await patch(admin, org.members.operator, { role: "admin" })).status).toBe(200);
    });

    it("keeps the last admin: no demotion, deactivation or removal of the only active admin", async () => {
      const org = await createOrg(db.engine(), "last-admin-api");
      const only = await createUser(db.engine(), "only-admin@example.test");
      await addMember(db.engine(), org.id, only.id, "admin");
      const client = await signIn(only.email);
      const h = { "x-org-id": org.slug };
      for (const [handler, method, body] of [[patchUser, "PATCH", { role: "staff" }], [patchUser, "PATCH", { status: "deactivated" }], [deleteUser, "DELETE", undefined]] as const) {
        const res = await client.call(handler, "/api/users/x", { method, headers: h, params: { userId: only.id }, body });
        expect(res.status).toBe(409);
        expect(res.json.error).toMatch(/at least one active admin/);
      }
      // A second admin makes the first one free to step down.
      const second = await createUser(db.engine());
      await addMember(db.engine(), org.id, second.id, "admin");
      expect((await client.call(patchUser, "/api/users/x", { method: "PATCH", headers: h, params: { userId: only.id }, body: { role: "staff" } })).status).toBe(200);
    });

    it("a deactivated or removed member loses access to that organization on the next request, not to others", async () => {
      const org = await createOrgWithMembers(db.engine(), "lose-access");
      const other = await createOrg(db.engine(), "lose-access-other");
      await addMember(db.engine(), other.id, org.members.executive.id, "staff");
      const member = await signIn(org.members.executive.email);
      const admin = await signIn(org.members.admin.email);
      const h = { "x-org-id": org.org.slug };
      expect((await member.call(listUsers, "/api/users", { headers: h })).status).toBe(200);

      const off = await admin.call(patchUser, "/api/users/x", { method: "PATCH", headers: h, params: { userId: org.members.executive.id }, body: { status: "deactivated" } });
      expect(off.json).toMatchObject({ status: "deactivated" });
      expect((await member.call(listUsers, "/api/users", { headers: h })).status).toBe(404);
      const profile = await member.call<{ organizations: { slug: string }[] }>(me, "/api/me");
      expect(profile.json.organizations.map((o) => o.slug)).toEqual([other.slug]);

      await admin.call(patchUser, "/api/users/x", { method: "PATCH", headers: h, params: { userId: org.members.executive.id }, body: { status: "active" } });
      expect((await member.call(listUsers, "/api/users", { headers: h })).status).toBe(200);

      expect((await admin.call(deleteUser, "/api/users/x", { method: "DELETE", headers: h, params: { userId: org.members.executive.id } })).status).toBe(204);
      expect((await member.call(listUsers, "/api/users", { headers: h })).status).toBe(404);
      expect((await member.call(me, "/api/me")).status).toBe(200);
      const actions = await query<{ action: string }>(sql`select action from public.audit_events where org_id = ${org.org.id} order by id`);
      // The member's and the admin's sign-ins, then the changes.
      expect(actions.map((a) => a.action)).toEqual(["auth.login_succeeded", "auth.login_succeeded", "member.deactivated", "member.reactivated", "member.removed"]);
    });
  });

  describe("invitations", () => {
    it("invites, shows the link's state publicly, and a signed-out invitee accepts and is signed in with that role", async () => {
      const email = "new.person@example.test";
      const res = await clients.admin.call(invite, "/api/users/invite", { headers: acmeHeaders, body: { email: " New.Person@Example.test ", role: "finance" } });
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({ invitation: { email, role: "finance", state: "pending" }, email: { status: "sent" } });
      expect(JSON.stringify(res.json)).not.toMatch(/token/i);
      const token = await invitationLink(email);
      const [stored] = await query<{ token_hash: string; expires_at: Date }>(sql`select token_hash, expires_at from public.org_invitations where email = ${email}`);
      expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored!.token_hash).not.toContain(token);
      expect(Math.round((new Date(stored!.expires_at).getTime() - Date.now()) / 3_600_000)).toBe(168);

      const invitee = new TestClient("203.0.113.77");
      const publicView = await invitee.call(lookupInvitation, "/api/invitations/x", { params: { key: token } });
      expect(publicView.json).toEqual({ orgName: acme.org.name, orgSlug: acme.org.slug, email, role: "finance", state: "pending", accountExists: false });

      const missing = await invitee.call(acceptInvitation, "/api/invitations/x/accept", { params: { key: token }, body: {} });
      expect(missing.status).toBe(422);
      expect(Object.keys(missing.json.details as object).sort()).toEqual(["name", "password"]);
      const weak = await invitee.call(acceptInvitation, "/api/invitations/x/accept", { params: { key: token }, body: { name: "New Person", password: "short" } });
      expect(weak.status).toBe(422);

      const accepted = await invitee.call(acceptInvitation, "/api/invitations/x/accept", { params: { key: token }, body: { name: "New Person", password: "a-long-new-password" } });
      expect(accepted.status).toBe(200);
      expect(accepted.json).toEqual({ organization: { slug: acme.org.slug, name: acme.org.name }, role: "finance" });
      const profile = await invitee.call<{ user: { email: string; fullName: string }; organizations: { slug: string; role: string }[] }>(me, "/api/me");
      expect(profile.json.user).toMatchObject({ email, fullName: "New Person" });
      expect(profile.json.organizations).toEqual([expect.objectContaining({ slug: acme.org.slug, role: "finance" })]);
      await signIn(email, "a-long-new-password");

      const reused = await new TestClient().call(acceptInvitation, "/api/invitations/x/accept", { params: { key: token }, body: { name: "X", password: "another-password" } });
      expect(reused.status).toBe(409);
      expect(reused.json.code).toBe("INVITE_ACCEPTED");
      expect((await invitee.call(lookupInvitation, "/api/invitations/x", { params: { key: token } })).json.state).toBe("accepted");
      const joined = await query<{ actor_user_id: string }>(sql`select actor_user_id from public.audit_events where action = 'member.joined' and org_id = ${acme.org.id}`);
      expect(joined).toHaveLength(1);
    });

    it("refuses bad input: invalid email, unknown role, existing member, pending duplicate — in the flat shape", async () => {
      const post = (body: unknown) => clients.admin.call(invite, "/api/users/invite", { headers: acmeHeaders, body });
      const invalid = await post({ email: "not an email", role: "owner" });
      expect(invalid.status).toBe(422);
      expect(Object.keys(invalid.json.details as object).sort()).toEqual(["email", "role"]);
      const member = await post({ email: acme.members.finance.email.toUpperCase(), role: "staff" });
      expect(member.status).toBe(409);
      expect(member.json.code).toBe("CONFLICT");
      expect((await post({ email: "dup@example.test", role: "staff" })).status).toBe(201);
      const dup = await post({ email: "dup@example.test", role: "operator" });
      expect(dup.status).toBe(409);
      // An executive cannot invite at or above their own rank.
      const exec = await clients.executive.call(invite, "/api/users/invite", { headers: acmeHeaders, body: { email: "boss@example.test", role: "admin" } });
      expect(exec.status).toBe(403);
      expect((await query(sql`select 1 from public.org_invitations where email in ('not an email', 'boss@example.test')`)).length).toBe(0);
    });

    it("rejects forged and truncated tokens, and revoked, expired, wrong-email and already-member states with distinct codes", async () => {
      const client = new TestClient();
      for (const key of [token32(), token32().slice(0, 20), "../../etc/passwd", "x".repeat(128)]) {
        const res = await client.call(acceptInvitation, "/api/invitations/x/accept", { params: { key }, body: { name: "A", password: "long-enough-password" } });
        expect(res.status).toBe(400);
        expect(res.json.code).toBe("INVALID_TOKEN");
      }
      const issue = async (email: string) => {
        expect((await clients.admin.call(invite, "/api/users/invite", { headers: acmeHeaders, body: { email, role: "staff" } })).status).toBe(201);
        return invitationLink(email);
      };
      // Revoked.
      const revokedToken = await issue("revoked@example.test");
      const list = await clients.admin.call<{ items: { id: string; email: string }[] }>(listInvitations, "/api/invitations", { headers: acmeHeaders });
      const revokedId = list.json.items.find((i) => i.email === "revoked@example.test")!.id;
      expect((await clients.executive.call(revokeInvitation, "/api/invitations/x", { method: "DELETE", headers: acmeHeaders, params: { key: revokedId } })).status).toBe(204);
      expect((await clients.admin.call(revokeInvitation, "/api/invitations/x", { method: "DELETE", headers: acmeHeaders, params: { key: revokedId } })).status).toBe(409);
      const revoked = await client.call(acceptInvitation, "/api/invitations/x/accept", { params: { key: revokedToken }, body: { name: "A", password: "long-enough-password" } });
      expect([revoked.status, revoked.json.code]).toEqual([410, "INVITE_REVOKED"]);
      // Expired.
      const expiredToken = await issue("expired@example.test");
      await query(sql`update public.org_invitations set expires_at = now() - interval '1 minute' where email = 'expired@example.test'`);
      const expired = await client.call(acceptInvitation, "/api/invitations/x/accept", { params: { key: expiredToken }, body: { name: "A", password: "long-enough-password" } });
      expect([expired.status, expired.json.code]).toEqual([410, "INVITE_EXPIRED"]);
      // An expired invitation does not block a new one to the same address.
      expect((await clients.admin.call(invite, "/api/users/invite", { headers: acmeHeaders, body: { email: "expired@example.test", role: "staff" } })).status).toBe(201);
      // Wrong email: signed in as somebody else.
      const wrongToken = await issue("intended@example.test");
      const wrong = await clients["other org admin"].call(acceptInvitation, "/api/invitations/x/accept", { params: { key: wrongToken }, body: {} });
      expect([wrong.status, wrong.json.code]).toEqual([403, "INVITE_EMAIL_MISMATCH"]);
      // Already a member (joined some other way since the invitation).
      const lateUser = await createUser(db.engine(), "late@example.test");
      const lateToken = await issue(lateUser.email);
      await addMember(db.engine(), acme.org.id, lateUser.id, "staff");
      const late = await (await signIn(lateUser.email)).call(acceptInvitation, "/api/invitations/x/accept", { params: { key: lateToken }, body: {} });
      expect([late.status, late.json.code]).toEqual([409, "ALREADY_MEMBER"]);
      // Signed out, but the address already has an account: sign in instead.
      const existing = await createUser(db.engine(), "has-account@example.test");
      const existingToken = await issue(existing.email);
      const signedOut = await client.call(acceptInvitation, "/api/invitations/x/accept", { params: { key: existingToken }, body: { name: "A", password: "long-enough-password" } });
      expect([signedOut.status, signedOut.json.code]).toEqual([409, "CONFLICT"]);
      const signedIn = await (await signIn(existing.email)).call(acceptInvitation, "/api/invitations/x/accept", { params: { key: existingToken }, body: {} });
      expect(signedIn.status).toBe(200);
    });

    it("two simultaneous accepts create one membership", async () => {
      const user = await createUser(db.engine(), "racer@example.test");
      expect((await clients.admin.call(invite, "/api/users/invite", { headers: acmeHeaders, body: { email: user.email, role: "operator" } })).status).toBe(201);
      const token = await invitationLink(user.email);
      const [a, b] = [await signIn(user.email), await signIn(user.email)];
      const results = await Promise.all([a, b].map((c) => c.call(acceptInvitation, "/api/invitations/x/accept", { params: { key: token }, body: {} })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.json.code).toBe("INVITE_ACCEPTED");
      expect(await query(sql`select 1 from public.org_members where user_id = ${user.id}`)).toHaveLength(1);
    });

    it("resend issues a new link (the old one stops working) and revocation is refused below the role's rank", async () => {
      expect((await clients.admin.call(invite, "/api/users/invite", { headers: acmeHeaders, body: { email: "resend@example.test", role: "executive" } })).status).toBe(201);
      const first = await invitationLink("resend@example.test");
      const list = await clients.admin.call<{ items: { id: string; email: string }[] }>(listInvitations, "/api/invitations", { headers: acmeHeaders });
      const id = list.json.items.find((i) => i.email === "resend@example.test")!.id;
      // An executive cannot touch an invitation to the executive role.
      expect((await clients.executive.call(resendInvitation, "/api/invitations/x/resend", { method: "POST", headers: acmeHeaders, params: { key: id } })).status).toBe(403);
      expect((await clients.executive.call(revokeInvitation, "/api/invitations/x", { method: "DELETE", headers: acmeHeaders, params: { key: id } })).status).toBe(403);
      const resent = await clients.admin.call(resendInvitation, "/api/invitations/x/resend", { method: "POST", headers: acmeHeaders, params: { key: id } });
      expect(resent.status).toBe(200);
      expect(resent.json).toMatchObject({ invitation: { sentCount: 2 } });
      const second = await invitationLink("resend@example.test");
      expect(second).not.toBe(first);
      expect((await new TestClient().call(lookupInvitation, "/api/invitations/x", { params: { key: first } })).json.code).toBe("INVALID_TOKEN");
      expect((await new TestClient().call(lookupInvitation, "/api/invitations/x", { params: { key: second } })).json.state).toBe("pending");
    });

    it("limits invitations per organization and hour: 429 with Retry-After, nothing created", async () => {
      process.env.INVITE_MAX_PER_HOUR = "2";
      reloadConfig();
      const org = await createOrgWithMembers(db.engine(), "quota-org");
      const admin = await signIn(org.members.admin.email);
      const h = { "x-org-id": org.org.slug };
      for (const n of [1, 2]) expect((await admin.call(invite, "/api/users/invite", { headers: h, body: { email: `q${n}@example.test`, role: "staff" } })).status).toBe(201);
      const third = await admin.call(invite, "/api/users/invite", { headers: h, body: { email: "q3@example.test", role: "staff" } });
      expect(third.status).toBe(429);
      expect(third.json.code).toBe("RATE_LIMITED");
      expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(3000);
      expect(await query(sql`select 1 from public.org_invitations where email = 'q3@example.test'`)).toHaveLength(0);
    });
  });

  describe("organization, roles and audit", () => {
    it("updates settings with validation and records which fields changed", async () => {
      const org = await createOrgWithMembers(db.engine(), "settings-org");
      const admin = await signIn(org.members.admin.email);
      const h = { "x-org-id": org.org.slug };
      const initial = await admin.call(getOrganization, "/api/organization", { headers: h });
      expect(initial.json).toMatchObject({ alertWarningPct: 75, alertCriticalPct: 90, alertOverBudgetPct: 100, timezone: "UTC" });
      const bad = await admin.call(patchOrganization, "/api/organization", { method: "PATCH", headers: h, body: { timezone: "Mars/Olympus", currency: "dollars", alertWarningPct: 95, alertCriticalPct: 90 } });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.json.details as object).sort()).toEqual(["alertCriticalPct", "currency", "timezone"]);
      // Against the stored values: warning above the stored critical threshold.
      const order = await admin.call(patchOrganization, "/api/organization", { method: "PATCH", headers: h, body: { alertWarningPct: 95 } });
      expect(order.status).toBe(422);
      const taken = await admin.call(patchOrganization, "/api/organization", { method: "PATCH", headers: h, body: { slug: acme.org.slug } });
      expect(taken.status).toBe(409);
      const ok = await admin.call(patchOrganization, "/api/organization", { method: "PATCH", headers: h, body: { name: "Renamed", timezone: "Pacific/Auckland", currency: "nzd", alertWarningPct: 70 } });
      expect(ok.status).toBe(200);
      expect(ok.json).toMatchObject({ name: "Renamed", timezone: "Pacific/Auckland", currency: "NZD", alertWarningPct: 70 });
      const [event] = await query<{ metadata: { changed: Record<string, unknown> } }>(sql`select metadata from public.audit_events where org_id = ${org.org.id} and action = 'org.updated'`);
      expect(Object.keys(event!.metadata.changed).sort()).toEqual(["alertWarningPct", "currency", "name", "timezone"]);
    });

    it("serves the role matrix from the database", async () => {
      const res = await clients.executive.call<{ items: { role: string; rank: number; permissions: string[] }[] }>(roles, "/api/roles", { headers: acmeHeaders });
      expect(res.json.items.map((r) => [r.role, r.rank])).toEqual([["admin", 50], ["executive", 40], ["finance", 30], ["operator", 30], ["staff", 10]]);
      expect(res.json.items.find((r) => r.role === "staff")!.permissions).toEqual(["dashboards.view"]);
    });

    it("filters the audit log by actor, action and dates, exports CSV safely, and never shows another organization", async () => {
      const org = await createOrgWithMembers(db.engine(), "audit-org");
      const admin = await signIn(org.members.admin.email);
      const h = { "x-org-id": org.org.slug };
      await admin.call(patchUser, "/api/users/x", { method: "PATCH", headers: { ...h, "user-agent": "=HYPERLINK(\"http://evil\")" }, params: { userId: org.members.staff.id }, body: { role: "operator" } });
      await admin.call(patchUser, "/api/users/x", { method: "PATCH", headers: h, params: { userId: org.members.staff.id }, body: { status: "deactivated" } });
      const byAction = await admin.call<{ items: { action: string; actorEmail: string; ip: string }[] }>(audit, "/api/audit", { headers: h, query: { action: "member.role_changed" } });
      expect(byAction.json.items).toEqual([expect.objectContaining({ action: "member.role_changed", actorEmail: org.members.admin.email, ip: "203.0.113.10" })]);
      const byActor = await admin.call<{ items: unknown[] }>(audit, "/api/audit", { headers: h, query: { actor: org.members.staff.id } });
      expect(byActor.json.items).toEqual([]);
      const today = new Date().toISOString().slice(0, 10);
      const inRange = await admin.call<{ items: unknown[] }>(audit, "/api/audit", { headers: h, query: { from: today, to: today } });
      // The admin's sign-in and the two changes.
      expect(inRange.json.items).toHaveLength(3);
      const before = await admin.call<{ items: unknown[] }>(audit, "/api/audit", { headers: h, query: { to: "2000-01-01" } });
      expect(before.json.items).toEqual([]);
      const inverted = await admin.call(audit, "/api/audit", { headers: h, query: { from: "2026-02-01", to: "2026-01-01" } });
      expect(inverted.status).toBe(422);
      expect((await admin.call(audit, "/api/audit", { headers: h, query: { action: "member.hacked" } })).status).toBe(422);
      // Another organization's events never appear.
      const acmeEvents = await clients.admin.call<{ items: { targetId: string }[] }>(audit, "/api/audit", { headers: acmeHeaders, query: { pageSize: "200" } });
      expect(acmeEvents.json.items.map((e) => e.targetId)).not.toContain(org.members.staff.id);

      const url = new URL("/api/audit?format=csv&action=member.role_changed", "http://localhost:3000");
      const { NextRequest } = await import("next/server");
      const raw = await audit(new NextRequest(url, { headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; "), ...h } }), { params: Promise.resolve({}) });
      expect(raw.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(raw.headers.get("content-disposition")).toMatch(/attachment; filename="audit-audit-org-/);
      const lines = (await raw.text()).trim().split("\r\n");
      expect(lines[0]).toBe("id,created_at,actor_user_id,actor_email,actor_type,action,target_type,target_id,metadata,ip,user_agent,request_id");
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
      const exported = await query(sql`select 1 from public.audit_events where org_id = ${org.org.id} and action = 'audit.exported'`);
      expect(exported).toHaveLength(1);
    });

    it("names the actor and the person an event is about, as their profiles have them now", async () => {
      const org = await createOrgWithMembers(db.engine(), "audit-names");
      await query(sql`update public.user_profiles set full_name = 'Ada Admin' where user_id = ${org.members.admin.id}`);
      await query(sql`update public.user_profiles set full_name = 'Otto Staff' where user_id = ${org.members.staff.id}`);
      const admin = await signIn(org.members.admin.email);
      const h = { "x-org-id": org.org.slug };
      await admin.call(patchUser, "/api/users/x", { method: "PATCH", headers: h, params: { userId: org.members.staff.id }, body: { role: "operator" } });
      const res = await admin.call<AuditPageView>(audit, "/api/audit", { headers: h, query: { action: "member.role_changed" } });
      expect(res.json.items).toEqual([
        expect.objectContaining({
          actorName: "Ada Admin",
          actorEmail: org.members.admin.email,
          targetType: "user",
          targetId: org.members.staff.id,
          targetName: "Otto Staff",
          targetEmail: org.members.staff.email,
          metadata: { from: "staff", to: "operator" },
        }),
      ]);
      expect(describeAuditEvent(res.json.items[0]!).text).toBe("Ada Admin changed Otto Staff's role from staff to operator");
      expect(new Date(res.json.items[0]!.createdAt).toISOString()).toBe(res.json.items[0]!.createdAt);
    });
  });
});
