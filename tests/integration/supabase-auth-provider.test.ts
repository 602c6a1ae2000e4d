import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CookieJar, CookieToSet } from "@/server/auth/auth-provider";
import { GET as authCallback } from "@/app/api/auth/callback/route";
import { createSupabaseAuthProvider } from "@/server/auth/supabase/supabase-auth-provider";
import { updateSupabaseSession } from "@/server/auth/supabase/update-session";
import { reloadConfig } from "@/server/config";
import { AppError } from "@/server/http/app-error";
import { startGoTrueFake, type GoTrueFake } from "@tests/fakes/gotrue-fake";


/** The request's cookies, as a route handler or server action would expose them. */
class MemoryJar implements CookieJar {
  readonly cookies = new Map<string, string>();
  readonly writes: CookieToSet[] = [];
  headers: Record<string, string> = {};
  constructor(initial: Iterable<[string, string]> = []) {
    for (const [name, value] of initial) this.cookies.set(name, value);
  }
  getAll() {
    return [...this.cookies].map(([name, value]) => ({ name, value }));
  }
  setAll(cookies: CookieToSet[], headers: Record<string, string> = {}) {
    for (const cookie of cookies) {
      this.writes.push(cookie);
      if (cookie.value === "" || cookie.options.maxAge === 0) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    Object.assign(this.headers, headers);
  }
  clone() {
    return new MemoryJar(this.cookies);
  }
}

const AUTH_COOKIE = "sb-127-auth-token";
const meta = { requestId: "test", ip: "127.0.0.1", userAgent: "vitest" };
const ENV_KEYS = ["AUTH_PROVIDER", "NEXT_PUBLIC_SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "SUPABASE_SECRET_KEY", "DATABASE_URL", "APP_URL"];

/** The session @supabase/ssr stored: `base64-` + base64url(JSON), possibly chunked `.0`, `.1`… */
function sessionIn(jar: MemoryJar): { access_token: string; refresh_token: string; expires_at: number } | null {
  let raw = jar.cookies.get(AUTH_COOKIE);
  if (raw === undefined) {
    const chunks: string[] = [];
    for (let i = 0; jar.cookies.has(`${AUTH_COOKIE}.${i}`); i++) chunks.push(jar.cookies.get(`${AUTH_COOKIE}.${i}`)!);
    raw = chunks.length ? chunks.join("") : undefined;
  }
  if (!raw) return null;
  return JSON.parse(Buffer.from(raw.replace(/^base64-/, ""), "base64url").toString("utf8"));
}

const hasAuthCookie = (jar: MemoryJar) => [...jar.cookies.keys()].some((n) => /^sb-127-auth-token(\.\d+)?$/.test(n));

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let fake: GoTrueFake;
const saved: Record<string, string | undefined> = {};
const provider = createSupabaseAuthProvider();
let n = 0;
const newUser = (password = "correct-horse-1") => ({ ...fake.addUser({ email: `user${++n}@example.com`, password }), password });

async function signedIn(password = "correct-horse-1") {
  const user = newUser(password);
  const jar = new MemoryJar();
  const result = await provider.signInWithPassword(jar, user.email, password, meta);
  if (!result.ok) throw new Error("sign-in failed");
  return { user, jar, claims: result.claims };
}

beforeAll(async () => {
  fake = await startGoTrueFake();
  for (const key of ENV_KEYS) saved[key] = process.env[key];
  Object.assign(process.env, {
    AUTH_PROVIDER: "supabase",
    NEXT_PUBLIC_SUPABASE_URL: fake.url,
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: fake.publishableKey,
    SUPABASE_SECRET_KEY: fake.secretKey,
    DATABASE_URL: "postgres://unused:unused@127.0.0.1:1/unused",
  });
  delete process.env.APP_URL;
  reloadConfig();
});

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  reloadConfig();
  await fake?.close();
});

afterEach(() => {
  fake.state.accessTokenTtlSeconds = 3600;
});

describe("supabase auth provider against a GoTrue fake", () => {
  it("signs in: sets the sb-<ref>-auth-token cookie and getClaims returns the user's claims", async () => {
    const user = newUser();
    const jar = new MemoryJar();
    const result = await provider.signInWithPassword(jar, user.email, user.password, meta);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.user).toEqual({ id: user.id, email: user.email });
    expect(result.claims).toMatchObject({
      sub: user.id, email: user.email, role: "authenticated", aud: "authenticated", aal: "aal1",
      app_metadata: { provider: "email", providers: ["email"] }, is_anonymous: false, iss: `${fake.url}/auth/v1`,
    });
    expect(fake.sessions.has(result.claims.session_id)).toBe(true);

    expect(hasAuthCookie(jar)).toBe(true);
    const write = jar.writes.find((c) => c.name.startsWith(AUTH_COOKIE))!;
    expect(write.options).toMatchObject({ path: "/", sameSite: "lax", maxAge: 400 * 24 * 60 * 60, secure: false });
    expect(jar.headers["Cache-Control"]).toBe("private, no-cache, no-store, must-revalidate, max-age=0");

    const claims = await provider.getClaims(jar);
    expect(claims).toEqual(result.claims);
    // HS256 tokens: getClaims() asks GoTrue, which is what rejects signed-out sessions.
    expect(fake.requests).toContain("GET /auth/v1/user");

    const token = sessionIn(jar)!.access_token;
    expect(await provider.getClaims(new MemoryJar(), token)).toEqual(result.claims);
    expect(await provider.getClaims(new MemoryJar(), "not-a-jwt")).toBeNull();
    expect(await provider.getClaims(new MemoryJar())).toBeNull();
  });

  it("refuses a wrong password, an unknown address and an unconfirmed one with { ok: false }", async () => {
    const user = newUser();
    const jar = new MemoryJar();
    expect(await provider.signInWithPassword(jar, user.email, "wrong-password", meta)).toEqual({ ok: false });
    expect(await provider.signInWithPassword(jar, "nobody@example.com", "whatever-1", meta)).toEqual({ ok: false });
    const unconfirmed = fake.addUser({ email: "unconfirmed@example.com", password: "correct-horse-1", confirmed: false });
    expect(await provider.signInWithPassword(jar, unconfirmed.email, "correct-horse-1", meta)).toEqual({ ok: false });
    expect(hasAuthCookie(jar)).toBe(false);
  });

  it("signs out: clears the cookies and GoTrue rejects the old cookies from then on", async () => {
    const { jar, claims } = await signedIn();
    const oldCookies = jar.clone();
    await provider.signOut(jar, meta);
    expect(hasAuthCookie(jar)).toBe(false);
    expect(fake.sessions.has(claims.session_id)).toBe(false);
    expect(await provider.getClaims(oldCookies.clone())).toBeNull();
    expect(await provider.refreshSession(oldCookies.clone(), meta)).toBeNull();
    await expect(provider.signOut(new MemoryJar(), meta)).resolves.toBeUndefined();
  });

  it("refresh rotates the refresh token and keeps the session", async () => {
    const { jar, claims } = await signedIn();
    const before = sessionIn(jar)!;
    const refreshed = await provider.refreshSession(jar, meta);
    const after = sessionIn(jar)!;
    expect(refreshed).toMatchObject({ sub: claims.sub, session_id: claims.session_id });
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(fake.refreshTokens.get(before.refresh_token)?.revoked).toBe(true);
    expect(fake.refreshTokens.get(after.refresh_token)).toMatchObject({ revoked: false, parent: before.refresh_token });
    expect(await provider.getClaims(jar)).toMatchObject({ sub: claims.sub });
  });

  it("gives a stale refresh token that is the parent of the active one the active one back", async () => {
    const { jar } = await signedIn();
    const stale = jar.clone();
    await provider.refreshSession(jar, meta);
    expect(await provider.refreshSession(stale, meta)).not.toBeNull();
    expect(sessionIn(stale)!.refresh_token).toBe(sessionIn(jar)!.refresh_token);
  });

  it("accepts a revoked refresh token within 10 s; later reuse revokes the whole session", async () => {
    const { jar, claims } = await signedIn();
    const stale = jar.clone();
    await provider.refreshSession(jar, meta);
    await provider.refreshSession(jar, meta);
    expect(await provider.refreshSession(stale.clone(), meta)).not.toBeNull();

    const { jar: jar2, claims: claims2 } = await signedIn();
    const stale2 = jar2.clone();
    await provider.refreshSession(jar2, meta);
    await provider.refreshSession(jar2, meta);
    fake.advanceClock(11);
    expect(await provider.refreshSession(stale2, meta)).toBeNull();
    expect(hasAuthCookie(stale2)).toBe(false);
    expect(fake.sessions.has(claims2.session_id)).toBe(false);
    expect(await provider.getClaims(jar2)).toBeNull();
    expect(fake.sessions.has(claims.session_id)).toBe(true);
  });

  it("getClaims refreshes a session about to expire and writes the new cookies with no-cache headers", async () => {
    fake.state.accessTokenTtlSeconds = 60; // inside supabase-js's 90 s refresh margin
    const { jar, claims } = await signedIn();
    const before = sessionIn(jar)!;
    jar.headers = {};
    expect(await provider.getClaims(jar)).toMatchObject({ sub: claims.sub, session_id: claims.session_id });
    expect(sessionIn(jar)!.refresh_token).not.toBe(before.refresh_token);
    expect(jar.headers["Cache-Control"]).toContain("no-store");
  });

  it("resets a password with the emailed token_hash; the new password signs in, the old one not", async () => {
    const user = newUser("old-password-1");
    const elsewhere = new MemoryJar();
    await provider.signInWithPassword(elsewhere, user.email, "old-password-1", meta);

    await provider.requestPasswordReset(user.email, meta);
    const email = fake.lastRecoveryEmail(user.email)!;
    expect(email.redirectTo).toBe("http://localhost:3000/reset-password");

    const jar = new MemoryJar();
    expect(await provider.resetPasswordWithToken(jar, email.tokenHash, "new-password-2", meta)).toEqual({ id: user.id, email: user.email });
    expect(await provider.getClaims(jar)).toMatchObject({ sub: user.id });
    expect(await provider.getClaims(elsewhere)).toBeNull(); // every other session ended
    expect(await provider.signInWithPassword(new MemoryJar(), user.email, "old-password-1", meta)).toEqual({ ok: false });
    expect((await provider.signInWithPassword(new MemoryJar(), user.email, "new-password-2", meta)).ok).toBe(true);

    expect(await provider.resetPasswordWithToken(new MemoryJar(), email.tokenHash, "another-pass-3", meta)).toBeNull();
    expect(await provider.resetPasswordWithToken(new MemoryJar(), "bogus", "another-pass-3", meta)).toBeNull();
    const sent = fake.sentEmails.length;
    await expect(provider.requestPasswordReset("nobody@example.com", meta)).resolves.toBeUndefined();
    expect(fake.sentEmails.length).toBe(sent);
  });

  it("rejects a password GoTrue refuses as VALIDATION_FAILED, leaving nobody signed in by the reset", async () => {
    const user = newUser("old-password-1");
    await provider.requestPasswordReset(user.email, meta);
    const jar = new MemoryJar();
    const tokenHash = fake.lastRecoveryEmail(user.email)!.tokenHash;
    await expect(provider.resetPasswordWithToken(jar, tokenHash, "short", meta)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { password: ["Password should be at least 6 characters."] },
    });
    expect(hasAuthCookie(jar)).toBe(false);
    expect([...fake.sessions.values()].some((s) => s.userId === user.id)).toBe(false);

    const { claims } = await signedIn("old-password-1");
    await expect(provider.changePassword(new MemoryJar(), claims, "old-password-1", "short", meta)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(fake.sessions.has(claims.session_id)).toBe(true);
  });

  it("changePassword: false with a wrong current password; otherwise changes it through the admin API", async () => {
    const { user, jar, claims } = await signedIn("old-password-1");
    const sessions = fake.sessions.size;
    expect(await provider.changePassword(jar, claims, "not-my-password", "new-password-2", meta)).toBe(false);
    expect(fake.sessions.size).toBe(sessions);
    expect(fake.users.get(user.id)!.password).toBe("old-password-1");

    expect(await provider.changePassword(jar, claims, "old-password-1", "new-password-2", meta)).toBe(true);
    expect(fake.requests).toContain(`PUT /auth/v1/admin/users/${user.id}`);
    expect((await provider.signInWithPassword(new MemoryJar(), user.email, "new-password-2", meta)).ok).toBe(true);
    expect(await provider.signInWithPassword(new MemoryJar(), user.email, "old-password-1", meta)).toEqual({ ok: false });
    // GoTrue's admin update ended every session; the adapter signed the caller's jar in again.
    expect(fake.sessions.has(claims.session_id)).toBe(false);
    const after = await provider.getClaims(jar);
    expect(after?.sub).toBe(user.id);
    expect(after?.session_id).not.toBe(claims.session_id);
  });

  it("createUser: a confirmed user through the admin API (invitation acceptance); null when the email exists", async () => {
    const created = await provider.createUser("Invitee@Example.com", "invitee-password-1", "Ivy Invitee");
    expect(created?.email).toBe("invitee@example.com");
    expect(fake.requests).toContain("POST /auth/v1/admin/users");
    const stored = fake.users.get(created!.id)!;
    expect(stored.email_confirmed_at).not.toBeNull();
    expect(stored.user_metadata).toEqual({ full_name: "Ivy Invitee" });
    expect((await provider.signInWithPassword(new MemoryJar(), "invitee@example.com", "invitee-password-1", meta)).ok).toBe(true);
    expect(await provider.createUser("invitee@example.com", "another-password-2", "Someone")).toBeNull();
    await expect(provider.createUser("weak@example.com", "123", "Weak")).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("exchanges a PKCE code for a session with the verifier cookie", async () => {
    const user = newUser();
    const verifier = randomBytes(42).toString("base64url");
    const code = fake.issueAuthCode(user.id, createHash("sha256").update(verifier).digest("base64url"));
    const verifierCookie = `${AUTH_COOKIE}-code-verifier`;
    const jar = new MemoryJar([[verifierCookie, `base64-${Buffer.from(JSON.stringify(verifier)).toString("base64url")}`]]);
    expect(await provider.exchangeCodeForSession(jar, code)).toEqual({ id: user.id, email: user.email });
    expect(await provider.getClaims(jar)).toMatchObject({ sub: user.id });
    expect(jar.cookies.has(verifierCookie)).toBe(false);
    expect(await provider.exchangeCodeForSession(new MemoryJar([[verifierCookie, jar.cookies.get(AUTH_COOKIE) ?? "x"]]), code)).toBeNull();
  });

  it("the auth callback redirects only to a path on this site, judged as a browser resolves it", async () => {
    const cases: [string | undefined, string][] = [
      ["/acme/dashboards?x=1", "/acme/dashboards?x=1"],
      ["/a/b/../c", "/a/c"],
      [undefined, "/"],
      ...["/.//evil.example", "/..//evil.example", "/%2e//evil.example", "/a/..//evil.example", "/./\\evil.example",
        "/%2E%2E//evil.example", "/\t//evil.example", "//evil.example", "https://evil.example", "https:evil.example"].map(
        (next): [string, string] => [next, "/"],
      ),
    ];
    for (const [next, expected] of cases) {
      const user = newUser();
      const verifier = randomBytes(42).toString("base64url");
      const code = fake.issueAuthCode(user.id, createHash("sha256").update(verifier).digest("base64url"));
      const url = new URL("http://localhost:3000/api/auth/callback");
      url.searchParams.set("code", code);
      if (next !== undefined) url.searchParams.set("next", next);
      const verifierCookie = `${AUTH_COOKIE}-code-verifier=base64-${Buffer.from(JSON.stringify(verifier)).toString("base64url")}`;
      const res = await authCallback(new NextRequest(url, { headers: { cookie: verifierCookie } }), { params: Promise.resolve({}) });
      expect(res.status, String(next)).toBe(303);
      const location = new URL(res.headers.get("location")!, "http://localhost:3000");
      expect(location.origin, String(next)).toBe("http://localhost:3000");
      expect(`${location.pathname}${location.search}`, String(next)).toBe(expected);
      // The browser reads the Location header itself: it must not be protocol-relative either.
      expect(res.headers.get("location"), String(next)).not.toMatch(/^(https?:)?\/\/(?!localhost:3000\/)/);
    }
  });

  it("refreshes the session in the proxy: cookies on the request and the response, no-cache headers", async () => {
    fake.state.accessTokenTtlSeconds = 60;
    const { jar, claims } = await signedIn();
    const cookieHeader = [...jar.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const request = new NextRequest("http://localhost:3000/dashboard", { headers: { cookie: cookieHeader } });
    const response = await updateSupabaseSession(request);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("cache-control")).toBe("private, no-cache, no-store, must-revalidate, max-age=0");
    const refreshed = response.cookies.getAll().find((c) => c.name.startsWith(AUTH_COOKIE));
    expect(refreshed?.value).toBeTruthy();
    expect(request.cookies.get(refreshed!.name)?.value).toBe(refreshed!.value);
    const next = new MemoryJar([[refreshed!.name, refreshed!.value]]);
    expect(sessionIn(next)!.refresh_token).not.toBe(sessionIn(jar)!.refresh_token);
    expect(await provider.getClaims(next)).toMatchObject({ sub: claims.sub });

    fake.state.accessTokenTtlSeconds = 3600;
    const fresh = await signedIn();
    const header = [...fresh.jar.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const untouched = await updateSupabaseSession(new NextRequest("http://localhost:3000/", { headers: { cookie: header } }));
    expect(untouched.cookies.getAll()).toEqual([]);
  });

  it("throws UPSTREAM_ERROR when GoTrue cannot be reached", async () => {
    const { jar } = await signedIn();
    const token = sessionIn(jar)!.access_token;
    process.env.NEXT_PUBLIC_SUPABASE_URL = `http://127.0.0.1:${await closedPort()}`;
    reloadConfig();
    try {
      const upstream = { name: "AppError", code: "UPSTREAM_ERROR", message: "The sign-in service is unavailable" };
      await expect(provider.signInWithPassword(new MemoryJar(), "a@example.com", "whatever-1", meta)).rejects.toMatchObject(upstream);
      await expect(provider.getClaims(new MemoryJar(), token)).rejects.toBeInstanceOf(AppError);
      await expect(provider.getClaims(new MemoryJar(), token)).rejects.toMatchObject(upstream);
      await expect(provider.requestPasswordReset("a@example.com", meta)).rejects.toMatchObject(upstream);
      await expect(provider.changePassword(new MemoryJar(), { sub: "x", email: "a@example.com", role: "authenticated", aud: "authenticated", session_id: "s" }, "a", "b", meta)).rejects.toMatchObject(upstream);
    } finally {
      process.env.NEXT_PUBLIC_SUPABASE_URL = fake.url;
      reloadConfig();
    }
  });
});

describe("GoTrue fake: error shapes", () => {
  const badLogin = (headers: Record<string, string>) =>
    fetch(`${fake.url}/auth/v1/token?grant_type=password`, {
      method: "POST",
      headers: { apikey: fake.publishableKey, "Content-Type": "application/json", ...headers },
      body: JSON.stringify({ email: "nobody@example.com", password: "nope" }),
    });

  it("answers the legacy shape without an API version, the 2024-01-01 shape with one", async () => {
    const legacy = await badLogin({});
    expect(legacy.status).toBe(400);
    expect(await legacy.json()).toEqual({ code: 400, error_code: "invalid_credentials", msg: "Invalid login credentials" });
    const versioned = await badLogin({ "X-Supabase-Api-Version": "2024-01-01" });
    expect(versioned.headers.get("x-supabase-api-version")).toBe("2024-01-01");
    expect(await versioned.json()).toEqual({ code: "invalid_credentials", message: "Invalid login credentials" });
  });

  it("rejects requests without a known API key, as the gateway does", async () => {
    const res = await fetch(`${fake.url}/auth/v1/user`);
    expect(res.status).toBe(401);
  });
});
