/**
 * Two-factor sign-in with the local adapter, over the route handlers: enrollment, the challenge,
 * wrong codes, lockout, replay, drift, recovery codes, the aal1 gate, the organization policy and
 * an admin's reset. Codes are computed here with otpauth, as an authenticator app would.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Secret, TOTP } from "otpauth";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { POST as enroll } from "@/app/api/auth/mfa/enroll/route";
import { POST as verify } from "@/app/api/auth/mfa/verify/route";
import { POST as recover } from "@/app/api/auth/mfa/recover/route";
import { GET as listFactors } from "@/app/api/auth/mfa/factors/route";
import { DELETE as removeFactor } from "@/app/api/auth/mfa/factors/[id]/route";
import { POST as recoveryCodes } from "@/app/api/auth/mfa/recovery-codes/route";
import { POST as resetMfa } from "@/app/api/users/[userId]/mfa/reset/route";
import { GET as getPolicy, PUT as putPolicy } from "@/app/api/organization/mfa-policy/route";
import { GET as me } from "@/app/api/me/route";
import { GET as listUsers } from "@/app/api/users/route";
import { GET as notificationPrefs } from "@/app/api/me/notification-preferences/route";
import { GET as listIntegrations } from "@/app/api/integrations/route";
import { sql } from "@/server/db";
import { countMembersWithoutFactor } from "@/server/mfa/count-members-without-factor";
import { asUserOn } from "@/server/db/transactions";
import type { MfaEnrollmentView, MfaFactorsView, RecoveryCodesView } from "@/lib/mfa-views";
import { setupTestDatabase } from "../helpers/test-db";
import { addMember, createOrg, createUser, TEST_PASSWORD } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";
import { enrollTotp, totpCode } from "../helpers/mfa";

const db = setupTestDatabase();
let ipCounter = 1;

async function signIn(email: string) {
  const client = new TestClient(`198.51.100.${ipCounter++}`);
  const res = await client.call<{ aal: string; nextLevel: string }>(login, "/api/auth/login", { body: { email, password: TEST_PASSWORD } });
  expect(res.status).toBe(200);
  return { client, login: res.json };
}

async function newMember(orgId: string, role: "admin" | "executive" | "finance" | "staff", name: string = role) {
  const user = await createUser(db.engine(), `${name}-${Math.random().toString(36).slice(2, 8)}@example.test`);
  await addMember(db.engine(), orgId, user.id, role);
  return user;
}

const auditOf = (userId: string) =>
  db.query<{ action: string; metadata: Record<string, unknown> }>(sql`
    select action, metadata from public.audit_events where actor_user_id = ${userId} and action like 'mfa.%' order by id`);

describe("two-factor sign-in (local adapter)", () => {
  let org: { id: string; slug: string };
  beforeAll(async () => {
    org = await createOrg(db.engine(), "mfa-co", "MFA Co");
  });

  it("enrolls with a QR code and a secret, confirms with a code, and stores the secret encrypted", async () => {
    const admin = await newMember(org.id, "admin");
    const { client, login: first } = await signIn(admin.email);
    expect(first).toMatchObject({ aal: "aal1", nextLevel: "aal1" });
    const enrolled = await client.call<MfaEnrollmentView>(enroll, "/api/auth/mfa/enroll", { body: { friendlyName: "Work phone" } });
    expect(enrolled.status).toBe(200);
    expect(enrolled.json.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolled.json.uri).toMatch(/^otpauth:\/\/totp\/XeroPulse:.*secret=/);
    expect(enrolled.json.qrCode).toMatch(/^data:image\/svg\+xml/);
    const [stored] = await db.query<{ secret: string; status: string }>(sql`select secret, status::text from auth.mfa_factors where id = ${enrolled.json.factorId}`);
    expect(stored!.status).toBe("unverified");
    expect(stored!.secret).toMatch(/^v1:/);
    expect(stored!.secret).not.toContain(enrolled.json.secret);

    const duplicate = await client.call(enroll, "/api/auth/mfa/enroll", { body: { friendlyName: "work PHONE" } });
    expect(duplicate.status).toBe(409);

    const ok = await client.call(verify, "/api/auth/mfa/verify", { body: { factorId: enrolled.json.factorId, code: totpCode(enrolled.json.secret) } });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ aal: "aal2" });
    const factors = await client.call<MfaFactorsView>(listFactors, "/api/auth/mfa/factors");
    expect(factors.json).toMatchObject({ currentLevel: "aal2", nextLevel: "aal2" });
    expect(factors.json.factors).toEqual([expect.objectContaining({ id: enrolled.json.factorId, friendlyName: "Work phone", status: "verified" })]);
    const [session] = await db.query<{ aal: string; methods: string[] }>(sql`
      select s.aal::text, array(select authentication_method from auth.mfa_amr_claims c where c.session_id = s.id order by 1) as methods
      from auth.sessions s where s.user_id = ${admin.id}`);
    expect(session).toEqual({ aal: "aal2", methods: ["password", "totp"] });
    expect((await auditOf(admin.id)).map((e) => e.action)).toEqual(["mfa.enrolled"]);
  });

  it("asks a user with a factor for the code after the password, refuses a replayed code, accepts ±1 step of drift", async () => {
    const user = await newMember(org.id, "finance");
    const { client: first } = await signIn(user.email);
    const enrolled = await enrollTotp(first);

    const { client, login: answer } = await signIn(user.email);
    expect(answer).toMatchObject({ aal: "aal1", nextLevel: "aal2" });
    // The code that confirmed the enrollment was used in this window: refused.
    const replay = await client.call<{ code: string; details: Record<string, string[]> }>(verify, "/api/auth/mfa/verify", {
      body: { factorId: enrolled.factorId, code: enrolled.usedCode },
    });
    expect(replay.status).toBe(422);
    expect(replay.json.details.code![0]).toMatch(/already used/);
    // Two steps ahead is outside the window.
    const far = await client.call(verify, "/api/auth/mfa/verify", { body: { factorId: enrolled.factorId, code: totpCode(enrolled.secret, 3) } });
    expect(far.status).toBe(422);
    // One step ahead (a clock 30 s fast) is accepted.
    const drift = await client.call(verify, "/api/auth/mfa/verify", { body: { factorId: enrolled.factorId, code: totpCode(enrolled.secret, 1) } });
    expect(drift.status).toBe(200);
    // The first client's session (aal2 already) survives; a third aal1 session ends when the code is proved.
    expect((await first.call(me, "/api/me")).status).toBe(200);
    const audit = (await auditOf(user.id)).map((e) => e.action);
    expect(audit.filter((a) => a === "mfa.verify_failed")).toHaveLength(2);
  });

  it("ends the user's other password-only sessions when a factor is verified", async () => {
    const user = await newMember(org.id, "staff");
    const { client: other } = await signIn(user.email);
    const { client } = await signIn(user.email);
    await enrollTotp(client);
    expect((await other.call(me, "/api/me")).status).toBe(401);
    expect((await client.call(me, "/api/me")).status).toBe(200);
  });

  it("locks the second step after 5 wrong codes for 15 minutes, and audits it", async () => {
    const user = await newMember(org.id, "staff", "locked");
    const enrolled = await enrollTotp((await signIn(user.email)).client);
    const { client } = await signIn(user.email);
    const wrong = totpCode(enrolled.secret) === "000000" ? "111111" : "000000";
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await client.call(verify, "/api/auth/mfa/verify", { body: { factorId: enrolled.factorId, code: wrong } })).status);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 429]);
    const right = await client.call(verify, "/api/auth/mfa/verify", { body: { factorId: enrolled.factorId, code: totpCode(enrolled.secret, 1) } });
    expect(right.status).toBe(429);
    const retryAfter = Number(right.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await auditOf(user.id)).map((e) => e.action)).toContain("mfa.locked");
    // In the log of the user's organization, where their admins see it.
    const [locked] = await db.query<{ org_id: string }>(sql`select org_id from public.audit_events where action = 'mfa.locked' and actor_user_id = ${user.id}`);
    expect(locked!.org_id).toBe(org.id);
    // Recovery codes are behind the same lock.
    expect((await client.call(recover, "/api/auth/mfa/recover", { body: { code: "aaaa-bbbb-cccc" } })).status).toBe(429);
  });

  it("recovery codes: 10, at least 12 characters, hashed, single-use, count as a second factor", async () => {
    const user = await newMember(org.id, "finance", "recovery");
    const { client: first } = await signIn(user.email);
    await enrollTotp(first);
    const generated = await first.call<RecoveryCodesView>(recoveryCodes, "/api/auth/mfa/recovery-codes", { method: "POST" });
    expect(generated.status).toBe(200);
    const codes = generated.json.codes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code.replace(/-/g, "").length).toBeGreaterThanOrEqual(12);
    const stored = await db.query<{ code_hash: string }>(sql`select code_hash from app_private.mfa_recovery_codes where user_id = ${user.id}`);
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(codes.map((c) => c.replace(/-/g, ""))).not.toContain(row.code_hash);

    const { client } = await signIn(user.email);
    expect((await client.call(recoveryCodes, "/api/auth/mfa/recovery-codes", { method: "POST" })).json).toMatchObject({ code: "MFA_REQUIRED" });
    const used = await client.call(recover, "/api/auth/mfa/recover", { body: { code: codes[0]!.toUpperCase() } });
    expect(used.status).toBe(200);
    expect(used.json).toEqual({ aal: "aal2", recoveryCodesRemaining: 9 });
    expect((await client.call(notificationPrefs, "/api/me/notification-preferences", { headers: { "x-org-id": org.id } })).status).toBe(200);

    const { client: again } = await signIn(user.email);
    expect((await again.call(recover, "/api/auth/mfa/recover", { body: { code: codes[0]! } })).status).toBe(422);
    expect((await auditOf(user.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(["mfa.recovery_codes_regenerated", "mfa.recovery_code_used", "mfa.verify_failed"]),
    );
    // Regenerating replaces them all.
    const fresh = await client.call<RecoveryCodesView>(recoveryCodes, "/api/auth/mfa/recovery-codes", { method: "POST" });
    expect(fresh.status).toBe(200);
    expect((await again.call(recover, "/api/auth/mfa/recover", { body: { code: codes[1]! } })).status).toBe(422);
  });

  it("an aal1 session with a factor reaches only the challenge, recovery, /api/me, the factor list and logout", async () => {
    const user = await newMember(org.id, "admin", "gated");
    await enrollTotp((await signIn(user.email)).client);
    const { client } = await signIn(user.email);
    const headers = { "x-org-id": org.id };
    const refused = [
      await client.call(listUsers, "/api/users", { headers }),
      await client.call(notificationPrefs, "/api/me/notification-preferences", { headers }),
      await client.call(listIntegrations, "/api/integrations", { headers }),
      await client.call(getPolicy, "/api/organization/mfa-policy", { headers }),
      await client.call(enroll, "/api/auth/mfa/enroll", { body: { friendlyName: "Thief" } }),
      await client.call(recoveryCodes, "/api/auth/mfa/recovery-codes", { method: "POST" }),
    ];
    for (const res of refused) expect({ status: res.status, code: res.json?.code }).toEqual({ status: 403, code: "MFA_REQUIRED" });
    expect((await client.call(me, "/api/me")).status).toBe(200);
    const factors = await client.call<MfaFactorsView>(listFactors, "/api/auth/mfa/factors");
    expect(factors.json).toMatchObject({ currentLevel: "aal1", nextLevel: "aal2" });
    // Removing a verified factor needs aal2.
    const removal = await client.call(removeFactor, "/api/auth/mfa/factors/x", { method: "DELETE", params: { id: factors.json.factors[0]!.id } });
    expect(removal.json).toMatchObject({ code: "MFA_REQUIRED" });
    expect((await client.call(logout, "/api/auth/logout", { method: "POST" })).status).toBe(204);
  });

  it("removes a factor from an aal2 session, audited; unverified factors older than 5 minutes are dropped", async () => {
    const user = await newMember(org.id, "staff", "remover");
    const { client } = await signIn(user.email);
    const enrolled = await enrollTotp(client);
    const stale = await client.call<MfaEnrollmentView>(enroll, "/api/auth/mfa/enroll", { body: { friendlyName: "Old tablet" } });
    await db.query(sql`update auth.mfa_factors set created_at = now() - interval '6 minutes' where id = ${stale.json.factorId}`);
    const listed = await client.call<MfaFactorsView>(listFactors, "/api/auth/mfa/factors");
    expect(listed.json.factors.map((f) => f.friendlyName)).toEqual(["Phone"]);
    const removed = await client.call(removeFactor, "/api/auth/mfa/factors/x", { method: "DELETE", params: { id: enrolled.factorId } });
    expect(removed.status).toBe(204);
    expect((await client.call<MfaFactorsView>(listFactors, "/api/auth/mfa/factors")).json.factors).toEqual([]);
    expect((await auditOf(user.id)).map((e) => e.action)).toContain("mfa.factor_removed");
  });

  describe("organization policy", () => {
    let strict: { id: string; slug: string };
    beforeAll(async () => {
      strict = await createOrg(db.engine(), "mfa-strict", "Strict", ["admin"]);
    });

    it("an admin without a factor gets MFA_ENROLLMENT_REQUIRED until enrolled; other roles are not asked", async () => {
      const admin = await newMember(strict.id, "admin", "strict-admin");
      const staff = await newMember(strict.id, "staff", "strict-staff");
      const headers = { "x-org-id": strict.id };
      const { client } = await signIn(admin.email);
      const blocked = await client.call(listUsers, "/api/users", { headers });
      expect({ status: blocked.status, code: blocked.json.code }).toEqual({ status: 403, code: "MFA_ENROLLMENT_REQUIRED" });
      expect((await client.call(me, "/api/me")).status).toBe(200);
      await enrollTotp(client);
      expect((await client.call(listUsers, "/api/users", { headers })).status).toBe(200);
      // Signed in again: password only, with a factor → the challenge.
      const { client: next } = await signIn(admin.email);
      expect((await next.call(listUsers, "/api/users", { headers })).json).toMatchObject({ code: "MFA_REQUIRED" });

      const { client: staffClient } = await signIn(staff.email);
      expect((await staffClient.call(notificationPrefs, "/api/me/notification-preferences", { headers })).status).toBe(200);
    });

    it("is read and changed by org.manage, audited, and refuses unknown roles", async () => {
      const admin = await newMember(org.id, "admin", "policy-admin");
      const { client } = await signIn(admin.email);
      const headers = { "x-org-id": org.id };
      expect((await client.call(getPolicy, "/api/organization/mfa-policy", { headers })).json).toEqual({ requiredRoles: [] });
      const bad = await client.call(putPolicy, "/api/organization/mfa-policy", { method: "PUT", headers, body: { requiredRoles: ["owner"] } });
      expect(bad.status).toBe(422);
      const set = await client.call(putPolicy, "/api/organization/mfa-policy", { method: "PUT", headers, body: { requiredRoles: ["finance", "admin"] } });
      expect(set.json).toEqual({ requiredRoles: ["admin", "finance"] });
      const [event] = await db.query<{ metadata: unknown }>(sql`select metadata from public.audit_events where org_id = ${org.id} and action = 'mfa.policy_updated'`);
      expect(event!.metadata).toEqual({ from: [], to: ["admin", "finance"] });
      // The admin who just required it of admins has no factor: now they must enroll.
      expect((await client.call(getPolicy, "/api/organization/mfa-policy", { headers })).json).toMatchObject({ code: "MFA_ENROLLMENT_REQUIRED" });
      await db.query(sql`update public.organizations set mfa_required_roles = '{}' where id = ${org.id}`);
    });

    it("the database refuses member management, settings and integrations to an aal1 claim", async () => {
      const admin = await newMember(strict.id, "admin", "sql-admin");
      const target = await newMember(strict.id, "staff", "sql-target");
      const as = (aal: string) => <T,>(fn: (tx: import("@/server/db").Tx) => Promise<T>) =>
        asUserOn(db.engine(), { ...admin.claims, aal }, fn);
      const refusal = async (promise: Promise<unknown>) => {
        try {
          await promise;
          return "allowed";
        } catch (error) {
          return (error as { hint?: string }).hint ?? String(error);
        }
      };
      const changeRole = sql`select 1 from app_private.change_member_role(${strict.id}::uuid, ${target.id}::uuid, 'finance')`;
      const integrations = sql`select app_private.assert_org_permission(${strict.id}::uuid, 'integrations.manage')`;
      const settings = sql`select app_private.assert_org_permission(${strict.id}::uuid, 'org.manage')`;
      const invite = sql`select 1 from app_private.create_invitation(${strict.id}::uuid, 'new@example.test', 'staff', ${"a".repeat(64)}, now() + interval '1 day')`;
      for (const q of [changeRole, integrations, settings, invite]) {
        expect(await refusal(as("aal1")((tx) => tx.query(q)))).toBe("MFA_ENROLLMENT_REQUIRED");
      }
      // RLS: the restrictive policy hides the row from an update.
      const renamed = await as("aal1")((tx) => tx.query(sql`update public.organizations set name = 'Hijacked' where id = ${strict.id} returning id`));
      expect(renamed).toEqual([]);
      // With a verified factor the answer becomes MFA_REQUIRED; an aal2 claim passes.
      await db.query(sql`
        insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
        values (gen_random_uuid(), ${admin.id}, 'x', 'totp', 'verified', now(), now(), 'v1:x')`);
      expect(await refusal(as("aal1")((tx) => tx.query(changeRole)))).toBe("MFA_REQUIRED");
      expect(await refusal(as("aal2")((tx) => tx.query(changeRole)))).toBe("allowed");
      expect(await refusal(as("aal2")((tx) => tx.query(integrations)))).toBe("allowed");
      expect(await as("aal2")((tx) => tx.query(sql`update public.organizations set name = 'Strict' where id = ${strict.id} returning id`))).toHaveLength(1);
    });
  });

  it("an admin resets a member's factors under the rank rules, audited; the member enrolls again", async () => {
    const admin = await newMember(org.id, "admin", "resetter");
    const executive = await newMember(org.id, "executive", "exec");
    const member = await newMember(org.id, "finance", "lost-phone");
    const memberClient = (await signIn(member.email)).client;
    await enrollTotp(memberClient);
    const headers = { "x-org-id": org.id };

    const { client: execClient } = await signIn(executive.email);
    const upward = await execClient.call(resetMfa, "/api/users/x/mfa/reset", { method: "POST", headers, params: { userId: admin.id } });
    expect(upward.status).toBe(403);
    const { client } = await signIn(admin.email);
    const self = await client.call(resetMfa, "/api/users/x/mfa/reset", { method: "POST", headers, params: { userId: admin.id } });
    expect(self.status).toBe(403);
    const reset = await execClient.call(resetMfa, "/api/users/x/mfa/reset", { method: "POST", headers, params: { userId: member.id } });
    expect(reset.status).toBe(204);
    expect(await db.query(sql`select 1 from auth.mfa_factors where user_id = ${member.id}`)).toEqual([]);
    expect((await memberClient.call(me, "/api/me")).status).toBe(401);
    const [event] = await db.query<{ actor_user_id: string }>(sql`
      select actor_user_id from public.audit_events where action = 'mfa.reset_by_admin' and target_id = ${member.id}`);
    expect(event!.actor_user_id).toBe(executive.id);
    expect((await signIn(member.email)).login).toMatchObject({ aal: "aal1", nextLevel: "aal1" });
  });

  it("counts an organization's members without a verified factor", async () => {
    const small = await createOrg(db.engine(), "mfa-count", "Count");
    const admin = await newMember(small.id, "admin", "count-admin");
    await newMember(small.id, "staff", "count-staff");
    const staff2 = await newMember(small.id, "staff", "count-staff2");
    const count = () => asUserOn(db.engine(), admin.claims, (tx) => countMembersWithoutFactor(tx, small.id));
    expect(await count()).toBe(3);
    await enrollTotp((await signIn(staff2.email)).client);
    expect(await count()).toBe(2);
    const outsider = await createUser(db.engine());
    await expect(asUserOn(db.engine(), outsider.claims, (tx) => countMembersWithoutFactor(tx, small.id))).rejects.toMatchObject({ hint: "NOT_FOUND" });
  });

  it("a code computed with otpauth matches RFC 6238's SHA-1 test vector", () => {
    // RFC 6238 Appendix B: secret "12345678901234567890", T = 59 s → 94287082 (8 digits).
    const secret = Secret.fromLatin1("12345678901234567890");
    expect(TOTP.generate({ secret, algorithm: "SHA1", digits: 8, period: 30, timestamp: 59_000 })).toBe("94287082");
  });
});
