import { beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { POST as refresh } from "@/app/api/auth/refresh/route";
import { POST as passwordReset } from "@/app/api/auth/password-reset/route";
import { POST as passwordUpdate } from "@/app/api/auth/password-update/route";
import { GET as me } from "@/app/api/me/route";
import { sql } from "@/server/db";
import { listOutbox } from "@/server/email/send-email";
import { REFRESH_COOKIE, ACCESS_COOKIE } from "@/server/auth/local/session-cookies";
import { resetJwtSecretForTests } from "@/server/auth/local/jwt-secret";
import { reloadConfig } from "@/server/config";
import { setupTestDatabase } from "../helpers/test-db";
import { addMember, createOrg, createUser, TEST_PASSWORD } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";

const db = setupTestDatabase();

async function auditActions(userOrEmail: string) {
  return db.engine().transaction((tx) =>
    tx.query<{ action: string }>(sql`
      select action from public.audit_events
      where actor_user_id::text = ${userOrEmail} or metadata ->> 'email' = ${userOrEmail} order by id`),
  ).then((rows) => rows.map((r) => r.action));
}

describe("local auth", () => {
  let user: Awaited<ReturnType<typeof createUser>>;
  beforeAll(async () => {
    user = await createUser(db.engine(), "ada@example.test");
    const org = await createOrg(db.engine(), "ada-co", "Ada & Co");
    await addMember(db.engine(), org.id, user.id, "finance");
  });

  it("signs in, returns the user and their organizations, and sets HttpOnly session cookies", async () => {
    const client = new TestClient();
    const res = await client.call<{ user: { email: string }; organizations: { slug: string; role: string }[] }>(login, "/api/auth/login", {
      body: { email: "ADA@example.test ", password: TEST_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.json.user.email).toBe("ada@example.test");
    expect(res.json.organizations).toEqual([expect.objectContaining({ slug: "ada-co", role: "finance" })]);
    const setCookie = res.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/xp-access-token=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    expect((await client.call(me, "/api/me")).status).toBe(200);
    expect(await auditActions(user.id)).toContain("auth.login_succeeded");
  });

  it("answers a wrong password and an unknown email with the same 401", async () => {
    const client = new TestClient("203.0.113.20");
    const wrong = await client.call(login, "/api/auth/login", { body: { email: "ada@example.test", password: "nope-nope" } });
    const unknown = await client.call(login, "/api/auth/login", { body: { email: "nobody@example.test", password: "nope-nope" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.error).toBe(unknown.json.error);
    expect(wrong.json.code).toBe("UNAUTHORIZED");
    expect(client.cookies.size).toBe(0);
    expect(await auditActions("nobody@example.test")).toEqual(["auth.login_failed"]);
  });

  it("locks an email after repeated failures, with Retry-After, even for the right password", async () => {
    await createUser(db.engine(), "locked@example.test");
    const client = new TestClient("203.0.113.30");
    for (let i = 0; i < 5; i++) {
      const res = await client.call(login, "/api/auth/login", { body: { email: "locked@example.test", password: "wrong-password" } });
      expect(res.status).toBe(401);
    }
    const locked = await client.call(login, "/api/auth/login", { body: { email: "locked@example.test", password: TEST_PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.json.code).toBe("RATE_LIMITED");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // From another IP the email is still locked; the lockout is per email.
    const elsewhere = await new TestClient("203.0.113.31").call(login, "/api/auth/login", { body: { email: "locked@example.test", password: TEST_PASSWORD } });
    expect(elsewhere.status).toBe(429);
    expect(await auditActions("locked@example.test")).toContain("auth.login_locked");
  });

  it("limits failures per IP across many emails", async () => {
    const client = new TestClient("203.0.113.40");
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await client.call(login, "/api/auth/login", { body: { email: `spray${i}@example.test`, password: "x" } })).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("rotates the refresh token on refresh", async () => {
    const client = await signIn("ada@example.test");
    const first = client.cookies.get(REFRESH_COOKIE);
    const res = await client.call(refresh, "/api/auth/refresh", { method: "POST" });
    expect(res.status).toBe(200);
    expect(client.cookies.get(REFRESH_COOKIE)).not.toBe(first);
    expect((await client.call(me, "/api/me")).status).toBe(200);
  });

  it("revokes the whole family when an old refresh token is reused outside the grace window", async () => {
    const client = await signIn("ada@example.test");
    const t0 = client.cookies.get(REFRESH_COOKIE)!;
    await client.call(refresh, "/api/auth/refresh", { method: "POST" }); // t0 → t1
    await client.call(refresh, "/api/auth/refresh", { method: "POST" }); // t1 → t2
    // Age every token past the 10 s reuse window.
    await db.engine().transaction((tx) => tx.query(sql`update auth.refresh_tokens set updated_at = now() - interval '1 minute'`));
    const attacker = new TestClient();
    attacker.cookies.set(REFRESH_COOKIE, t0);
    const reuse = await attacker.call(refresh, "/api/auth/refresh", { method: "POST" });
    expect(reuse.status).toBe(401);
    // The legitimate holder's session is gone too: tokens and access token rejected.
    expect((await client.call(me, "/api/me")).status).toBe(401);
    expect((await client.call(refresh, "/api/auth/refresh", { method: "POST" })).status).toBe(401);
    expect(await auditActions(user.id)).toContain("auth.refresh_token_reused");
  });

  it("accepts a just-rotated token again within the grace window (concurrent refreshes)", async () => {
    const client = await signIn("ada@example.test");
    const t0 = client.cookies.get(REFRESH_COOKIE)!;
    await client.call(refresh, "/api/auth/refresh", { method: "POST" });
    const racing = new TestClient();
    racing.cookies.set(REFRESH_COOKIE, t0);
    expect((await racing.call(refresh, "/api/auth/refresh", { method: "POST" })).status).toBe(200);
    expect((await client.call(me, "/api/me")).status).toBe(200);
  });

  it("rejects the old access token at once after logout", async () => {
    const client = await signIn("ada@example.test");
    const access = client.cookies.get(ACCESS_COOKIE)!;
    expect((await client.call(logout, "/api/auth/logout", { method: "POST" })).status).toBe(204);
    expect(client.cookies.has(ACCESS_COOKIE)).toBe(false);
    const replay = new TestClient();
    const res = await replay.call(me, "/api/me", { headers: { authorization: `Bearer ${access}` } });
    expect(res.status).toBe(401);
    expect(await auditActions(user.id)).toContain("auth.logout");
  });

  it("resets a password by email link, once, and signs the user in", async () => {
    const target = await createUser(db.engine(), "reset@example.test");
    const old = await signIn("reset@example.test");
    const res = await new TestClient().call(passwordReset, "/api/auth/password-reset", { body: { email: "reset@example.test" } });
    const unknown = await new TestClient().call(passwordReset, "/api/auth/password-reset", { body: { email: "ghost@example.test" } });
    expect(res.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.json).toEqual(res.json);
    const [mail] = await listOutbox({ to: "reset@example.test" });
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail!.text_body)![1]!;
    expect(await listOutbox({ to: "ghost@example.test" })).toHaveLength(0);

    const browser = new TestClient();
    const updated = await browser.call(passwordUpdate, "/api/auth/password-update", { body: { token, password: "brand-new-password" } });
    expect(updated.status).toBe(200);
    expect((await browser.call(me, "/api/me")).status).toBe(200);
    expect((await old.call(me, "/api/me")).status).toBe(401);
    const again = await new TestClient().call(passwordUpdate, "/api/auth/password-update", { body: { token, password: "another-password" } });
    expect(again.status).toBe(400);
    expect(again.json.code).toBe("INVALID_TOKEN");
    await signIn("reset@example.test", "brand-new-password");
    expect(await auditActions(target.id)).toContain("auth.password_changed");
  });

  it("limits reset emails per address and per IP, answering the same 202 either way", async () => {
    const saved = { email: process.env.AUTH_PASSWORD_RESET_MAX_PER_EMAIL, ip: process.env.AUTH_PASSWORD_RESET_MAX_PER_IP };
    process.env.AUTH_PASSWORD_RESET_MAX_PER_EMAIL = "3";
    process.env.AUTH_PASSWORD_RESET_MAX_PER_IP = "5";
    reloadConfig();
    try {
      await createUser(db.engine(), "bombed@example.test");
      const answers = [];
      // One address from ever-changing addresses: at most 3 emails.
      for (let i = 0; i < 8; i++) {
        answers.push(await new TestClient(`198.51.100.${i + 1}`).call(passwordReset, "/api/auth/password-reset", { body: { email: "bombed@example.test" } }));
      }
      expect(await listOutbox({ to: "bombed@example.test" })).toHaveLength(3);
      // One IP for many addresses: at most 5 requests do anything.
      const targets = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => createUser(db.engine(), `sprayed-${i}@example.test`)));
      const sprayer = new TestClient("198.51.100.200");
      for (const target of targets) answers.push(await sprayer.call(passwordReset, "/api/auth/password-reset", { body: { email: target.email } }));
      const sent = await Promise.all(targets.map((t) => listOutbox({ to: t.email })));
      expect(sent.map((mails) => mails.length)).toEqual([1, 1, 1, 1, 1, 0, 0]);
      // Nobody can tell a limited request from one that sent an email, or from an unknown address.
      const first = answers[0]!;
      for (const answer of answers) {
        expect(answer.status).toBe(202);
        expect(answer.json).toEqual(first.json);
      }
      expect(first.json).toEqual((await new TestClient("198.51.100.250").call(passwordReset, "/api/auth/password-reset", { body: { email: "ghost-2@example.test" } })).json);
    } finally {
      for (const [key, value] of [["AUTH_PASSWORD_RESET_MAX_PER_EMAIL", saved.email], ["AUTH_PASSWORD_RESET_MAX_PER_IP", saved.ip]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      reloadConfig();
    }
  });

  it("changes the password of a signed-in user only with the right current password", async () => {
    await createUser(db.engine(), "change@example.test");
    const client = await signIn("change@example.test");
    const wrong = await client.call(passwordUpdate, "/api/auth/password-update", {
      body: { currentPassword: "not-it", password: "changed-password" },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.json.details).toEqual({ currentPassword: [expect.any(String)] });
    const ok = await client.call(passwordUpdate, "/api/auth/password-update", {
      body: { currentPassword: TEST_PASSWORD, password: "changed-password" },
    });
    expect(ok.status).toBe(200);
    expect((await client.call(me, "/api/me")).status).toBe(200);
    await signIn("change@example.test", "changed-password");
  });

  it("answers a password update with neither or both of token and current password with a field error", async () => {
    const client = new TestClient();
    for (const body of [{ password: "long-enough-1" }, { token: "x".repeat(20), currentPassword: "y", password: "long-enough-1" }]) {
      const res = await client.call(passwordUpdate, "/api/auth/password-update", { body });
      expect(res.status).toBe(422);
      expect(res.json.details).toEqual({ currentPassword: [expect.any(String)] });
    }
  });

  it("signs tokens with a secret it generates and keeps when AUTH_JWT_SECRET is unset", async () => {
    const configured = process.env.AUTH_JWT_SECRET;
    delete process.env.AUTH_JWT_SECRET;
    reloadConfig();
    resetJwtSecretForTests();
    try {
      const client = await signIn("ada@example.test");
      expect((await client.call(me, "/api/me")).status).toBe(200);
      const stored = await db.engine().transaction((tx) =>
        tx.query(sql`select 1 from app_private.instance_secrets where name = 'auth_jwt_secret' and length(value) >= 32`),
      );
      expect(stored).toHaveLength(1);
    } finally {
      process.env.AUTH_JWT_SECRET = configured;
      reloadConfig();
      resetJwtSecretForTests();
    }
  });

  it("rejects a tampered or foreign-signed access token", async () => {
    const client = await signIn("ada@example.test");
    const [h, p, s] = client.cookies.get(ACCESS_COOKIE)!.split(".");
    const payload = JSON.parse(Buffer.from(p!, "base64url").toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: "00000000-0000-0000-0000-000000000000" })).toString("base64url")}.${s}`;
    const res = await new TestClient().call(me, "/api/me", { headers: { authorization: `Bearer ${forged}` } });
    expect(res.status).toBe(401);
  });
});
