/**
 * Sign-ins in the audit log: an organization's log shows its members' successful, failed and
 * locked-out sign-ins, and nothing about people who are not its members. A failed attempt on an
 * address shared by members of two organizations shows in both; one on an unknown address in none.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as audit } from "@/app/api/audit/route";
import { reloadConfig } from "@/server/config";
import { asUser } from "@/server/db";
import { sql } from "@/server/db/sql";
import { setupTestDatabase } from "../helpers/test-db";
import { addMember, createOrgWithMembers, createUser, TEST_PASSWORD, type TestUser } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";

const db = setupTestDatabase();

interface AuditItem {
  action: string;
  actorUserId: string | null;
  actorType: string;
  targetId: string | null;
  metadata: { email?: string };
}

async function attempt(email: string, password: string) {
  return (await new TestClient(`198.51.100.${Math.floor(Math.random() * 200) + 1}`).call(login, "/api/auth/login", { body: { email, password } })).status;
}

describe("sign-ins in the audit log", () => {
  let orgA: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let orgB: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let adminA: TestClient;
  let adminB: TestClient;
  let shared: TestUser; // a member of A and of B
  let onlyA: TestUser;
  let onlyB: TestUser;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.AUTH_LOGIN_MAX_FAILURES_PER_EMAIL = "3";
    reloadConfig();
    orgA = await createOrgWithMembers(db.engine(), `a-${randomUUID().slice(0, 6)}`);
    orgB = await createOrgWithMembers(db.engine(), `b-${randomUUID().slice(0, 6)}`);
    shared = await createUser(db.engine(), `shared-${randomUUID().slice(0, 6)}@example.test`);
    onlyA = await createUser(db.engine(), `only-a-${randomUUID().slice(0, 6)}@example.test`);
    onlyB = await createUser(db.engine(), `only-b-${randomUUID().slice(0, 6)}@example.test`);
    await addMember(db.engine(), orgA.org.id, shared.id, "staff");
    await addMember(db.engine(), orgB.org.id, shared.id, "finance");
    await addMember(db.engine(), orgA.org.id, onlyA.id, "staff");
    await addMember(db.engine(), orgB.org.id, onlyB.id, "staff");
    adminA = new TestClient();
    expect((await adminA.call(login, "/api/auth/login", { body: { email: orgA.members.admin.email, password: TEST_PASSWORD } })).status).toBe(200);
    adminB = new TestClient();
    expect((await adminB.call(login, "/api/auth/login", { body: { email: orgB.members.admin.email, password: TEST_PASSWORD } })).status).toBe(200);
  });

  afterAll(() => {
    process.env = saved;
    reloadConfig();
  });

  const logOf = async (client: TestClient, slug: string, action: string) => {
    const res = await client.call<{ items: AuditItem[] }>(audit, "/api/audit", { headers: { "x-org-id": slug }, query: { action, pageSize: "100" } });
    expect(res.status).toBe(200);
    return res.json.items;
  };
  const about = (items: AuditItem[], user: TestUser) => items.filter((e) => e.actorUserId === user.id || e.targetId === user.id || e.metadata.email === user.email);

  it("a member's successful sign-in shows in their organizations' logs, with the filter matching", async () => {
    expect(await attempt(onlyA.email, TEST_PASSWORD)).toBe(200);
    expect(await attempt(shared.email, TEST_PASSWORD)).toBe(200);
    const inA = await logOf(adminA, orgA.org.slug, "auth.login_succeeded");
    expect(about(inA, onlyA)).toEqual([expect.objectContaining({ action: "auth.login_succeeded", actorUserId: onlyA.id, actorType: "user" })]);
    expect(about(inA, shared)).toHaveLength(1);
    // The admin's own sign-in is there too: the log is no longer empty after logins.
    expect(about(inA, orgA.members.admin)).toHaveLength(1);
    const inB = await logOf(adminB, orgB.org.slug, "auth.login_succeeded");
    expect(about(inB, shared)).toHaveLength(1);
    expect(about(inB, onlyA)).toEqual([]);
  });

  it("a failed sign-in on an address in two organizations shows in both; one on an unknown address in none", async () => {
    expect(await attempt(shared.email, "wrong-password-1")).toBe(401);
    const unknown = `nobody-${randomUUID().slice(0, 6)}@example.test`;
    expect(await attempt(unknown, "wrong-password-1")).toBe(401);
    for (const [client, slug] of [[adminA, orgA.org.slug], [adminB, orgB.org.slug]] as const) {
      const failed = await logOf(client, slug, "auth.login_failed");
      expect(about(failed, shared)).toEqual([
        expect.objectContaining({ action: "auth.login_failed", actorUserId: null, actorType: "anonymous", targetId: shared.id, metadata: { email: shared.email } }),
      ]);
      expect(failed.filter((e) => e.metadata.email === unknown)).toEqual([]);
    }
    const stored = await db.engine().transaction((tx) =>
      tx.query<{ org_id: string | null }>(sql`select org_id from public.audit_events where action = 'auth.login_failed' and metadata ->> 'email' = ${unknown}`),
    );
    expect(stored).toEqual([{ org_id: null }]);
  });

  it("a lockout shows in the member's organization only, and no member of A ever reads an event about someone only in B", async () => {
    for (let i = 0; i < 3; i++) expect(await attempt(onlyB.email, `wrong-${i}-password`)).toBe(401);
    const lockedB = await logOf(adminB, orgB.org.slug, "auth.login_locked");
    expect(about(lockedB, onlyB)).toEqual([expect.objectContaining({ action: "auth.login_locked", targetId: onlyB.id })]);
    expect(about(await logOf(adminA, orgA.org.slug, "auth.login_locked"), onlyB)).toEqual([]);
    expect(about(await logOf(adminA, orgA.org.slug, "auth.login_failed"), onlyB)).toEqual([]);

    // Below the API: every member of A, by role, straight through RLS.
    for (const member of [...Object.values(orgA.members), shared, onlyA]) {
      const seen = await asUser(member.claims, (tx) =>
        tx.query<{ n: number }>(sql`
          select count(*)::int as n from public.audit_events
          where action like 'auth.login%' and (actor_user_id = ${onlyB.id} or target_id = ${onlyB.id} or metadata ->> 'email' = ${onlyB.email})`),
      );
      expect(seen, `${member.email} sees sign-ins of a member of B only`).toEqual([{ n: 0 }]);
    }
  });
});
