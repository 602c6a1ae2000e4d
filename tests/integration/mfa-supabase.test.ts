/**
 * Two-factor sign-in with the supabase adapter: `supabase.auth.mfa.*` against the GoTrue fake
 * (tests/fakes/gotrue-fake.ts), through the same routes as the local adapter. The fake mirrors
 * factors into auth.mfa_factors as GoTrue writes the project's Postgres, so the gate and the SQL
 * guards see them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as enroll } from "@/app/api/auth/mfa/enroll/route";
import { POST as verify } from "@/app/api/auth/mfa/verify/route";
import { POST as recover } from "@/app/api/auth/mfa/recover/route";
import { GET as listFactors } from "@/app/api/auth/mfa/factors/route";
import { DELETE as removeFactor } from "@/app/api/auth/mfa/factors/[id]/route";
import { POST as recoveryCodes } from "@/app/api/auth/mfa/recovery-codes/route";
import { POST as resetMfa } from "@/app/api/users/[userId]/mfa/reset/route";
import { GET as listUsers } from "@/app/api/users/route";
import { GET as me } from "@/app/api/me/route";
import { getAuthProvider } from "@/server/auth/get-auth-provider";
import { sql } from "@/server/db";
import type { MfaEnrollmentView, MfaFactorsView, RecoveryCodesView } from "@/lib/mfa-views";
import type { GoTrueFake } from "@tests/fakes/gotrue-fake";
import { setupTestDatabase } from "../helpers/test-db";
import { addMember, createOrg } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";
import { totpCode } from "../helpers/mfa";
import { enterSupabaseMode } from "../helpers/supabase-mode";

const db = setupTestDatabase();
const PASSWORD = "correct-horse-supabase";
let fake: GoTrueFake;
let stop: () => Promise<void>;
let org: { id: string };
let n = 0;

beforeAll(async () => {
  ({ fake, stop } = await enterSupabaseMode(db.engine));
  org = await createOrg(db.engine(), "mfa-supa", "MFA Supa");
});
afterAll(async () => stop?.());

async function newUser(role: "admin" | "finance" | "staff") {
  const user = await (await getAuthProvider()).createUser(`supa${++n}@example.test`, PASSWORD, "Supa");
  await addMember(db.engine(), org.id, user!.id, role);
  return user!;
}

async function signIn(email: string) {
  const client = new TestClient(`192.0.2.${++n}`);
  const res = await client.call<{ aal: string; nextLevel: string }>(login, "/api/auth/login", { body: { email, password: PASSWORD } });
  expect(res.status).toBe(200);
  return { client, login: res.json };
}

async function enrolled(email: string) {
  const { client } = await signIn(email);
  const started = await client.call<MfaEnrollmentView>(enroll, "/api/auth/mfa/enroll", { body: { friendlyName: "Phone" } });
  expect(started.status).toBe(200);
  const usedCode = totpCode(started.json.secret);
  const ok = await client.call(verify, "/api/auth/mfa/verify", { body: { factorId: started.json.factorId, code: usedCode } });
  expect(ok.status, JSON.stringify(ok.json)).toBe(200);
  return { client, factor: { ...started.json, usedCode } };
}

describe("two-factor sign-in (supabase adapter against the GoTrue fake)", () => {
  it("enrolls through supabase.auth.mfa.enroll and verifies with a computed code; the session becomes aal2", async () => {
    const user = await newUser("finance");
    const { client } = await signIn(user.email);
    const started = await client.call<MfaEnrollmentView>(enroll, "/api/auth/mfa/enroll", { body: { friendlyName: "Phone" } });
    expect(started.status).toBe(200);
    expect(started.json.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(started.json.qrCode).toMatch(/^data:image\/svg\+xml/);
    expect(fake.factors.get(started.json.factorId)).toMatchObject({ status: "unverified", friendly_name: "Phone" });
    expect((await client.call(enroll, "/api/auth/mfa/enroll", { body: { friendlyName: "Phone" } })).status).toBe(409);

    const wrong = await client.call(verify, "/api/auth/mfa/verify", { body: { factorId: started.json.factorId, code: totpCode(started.json.secret, 3) } });
    expect(wrong.status).toBe(422);
    const ok = await client.call(verify, "/api/auth/mfa/verify", { body: { factorId: started.json.factorId, code: totpCode(started.json.secret) } });
    expect(ok.json).toEqual({ aal: "aal2" });
    const listed = await client.call<MfaFactorsView>(listFactors, "/api/auth/mfa/factors");
    expect(listed.json).toMatchObject({ currentLevel: "aal2", nextLevel: "aal2" });
    expect(listed.json.factors).toEqual([expect.objectContaining({ id: started.json.factorId, status: "verified", friendlyName: "Phone" })]);
    const actions = await db.query<{ action: string }>(sql`select action from public.audit_events where actor_user_id = ${user.id} and action like 'mfa.%' order by id`);
    expect(actions.map((a) => a.action)).toEqual(["mfa.verify_failed", "mfa.enrolled"]);
  });

  it("a new password sign-in is aal1 with nextLevel aal2, gated until the code; a used code is refused", async () => {
    const user = await newUser("admin");
    const { factor } = await enrolled(user.email);
    const { client, login: answer } = await signIn(user.email);
    expect(answer).toMatchObject({ aal: "aal1", nextLevel: "aal2" });
    expect((await client.call(listUsers, "/api/users", { headers: { "x-org-id": org.id } })).json).toMatchObject({ code: "MFA_REQUIRED" });
    expect((await client.call(me, "/api/me")).status).toBe(200);
    expect((await client.call(verify, "/api/auth/mfa/verify", { body: { factorId: factor.factorId, code: factor.usedCode } })).status).toBe(422);
    const ok = await client.call(verify, "/api/auth/mfa/verify", { body: { factorId: factor.factorId, code: totpCode(factor.secret, 1) } });
    expect(ok.status).toBe(200);
    expect((await client.call(listUsers, "/api/users", { headers: { "x-org-id": org.id } })).status).toBe(200);
  });

  it("removes a factor through mfa.unenroll from an aal2 session", async () => {
    const user = await newUser("staff");
    const { client, factor } = await enrolled(user.email);
    const removed = await client.call(removeFactor, "/api/auth/mfa/factors/x", { method: "DELETE", params: { id: factor.factorId } });
    expect(removed.status).toBe(204);
    expect(fake.factors.has(factor.factorId)).toBe(false);
  });

  it("a recovery code removes the factors through the admin API (GoTrue cannot raise a session on our word)", async () => {
    const user = await newUser("finance");
    const { client } = await enrolled(user.email);
    const codes = await client.call<RecoveryCodesView>(recoveryCodes, "/api/auth/mfa/recovery-codes", { method: "POST" });
    expect(codes.json.codes).toHaveLength(10);
    const { client: next } = await signIn(user.email);
    const used = await next.call(recover, "/api/auth/mfa/recover", { body: { code: codes.json.codes[0]! } });
    expect(used.json).toEqual({ aal: "aal1", recoveryCodesRemaining: 9 });
    expect([...fake.factors.values()].filter((f) => f.userId === user.id)).toEqual([]);
    expect((await next.call<MfaFactorsView>(listFactors, "/api/auth/mfa/factors")).json.nextLevel).toBe("aal1");
  });

  it("an admin's reset deletes the member's factors through the admin API", async () => {
    const admin = await newUser("admin");
    const member = await newUser("finance");
    await enrolled(member.email);
    const { client } = await signIn(admin.email);
    const res = await client.call(resetMfa, "/api/users/x/mfa/reset", { method: "POST", headers: { "x-org-id": org.id }, params: { userId: member.id } });
    expect(res.status).toBe(204);
    expect([...fake.factors.values()].filter((f) => f.userId === member.id)).toEqual([]);
  });
});
