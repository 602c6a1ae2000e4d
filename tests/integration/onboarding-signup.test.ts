/**
 * Sign-up over HTTP: closed by default with DATABASE_URL (403, nothing kept), open otherwise; the
 * link is single-use, hashed and expiring; sign-in is refused until it is opened; a new and a known
 * address get the same answer (the owner gets a notice instead of a link); rate limits per IP and
 * per address; audit events; and the same in Supabase mode through the admin API.
 */
import { createHash } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as signup } from "@/app/api/auth/signup/route";
import { POST as verify } from "@/app/api/auth/verify-email/route";
import { reloadConfig } from "@/server/config";
import { listOutbox } from "@/server/email/send-email";
import { sql } from "@/server/db/sql";
import { createUser, TEST_PASSWORD } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";
import { enterSupabaseMode } from "../helpers/supabase-mode";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();
const { query } = db;
let ipCounter = 0;
/** A client from its own IP, so the per-IP limit only bites where a test wants it. */
const fresh = () => new TestClient(`198.51.100.${++ipCounter}`);

const body = (email: string, overrides: Record<string, unknown> = {}) => ({
  email,
  password: "signup-password-1",
  name: "Sam Signup",
  organizationName: "Signup Studio",
  ...overrides,
});

async function linkFor(email: string): Promise<string> {
  const [message] = await listOutbox({ to: email, limit: 1 });
  expect(message?.template, `a confirmation email to ${email}`).toBe("verify-email");
  const token = message!.text_body.match(/\/verify-email\?token=([A-Za-z0-9_-]{43})/)?.[1];
  expect(token).toBeDefined();
  return token!;
}

afterEach(() => {
  for (const key of ["SIGNUP_MODE", "SIGNUP_MAX_PER_IP_PER_HOUR", "DATABASE_URL"]) delete process.env[key];
  reloadConfig();
});

describe("sign-up", () => {
  it("is closed with DATABASE_URL unless SIGNUP_MODE=open, and closed keeps and sends nothing", async () => {
    process.env.DATABASE_URL = "postgres://unused:unused@127.0.0.1:1/unused";
    reloadConfig();
    const res = await fresh().call(signup, "/api/auth/signup", { body: body("closed@example.test") });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ code: "FORBIDDEN", error: expect.stringContaining("Sign-up is closed") });
    process.env.SIGNUP_MODE = "closed";
    delete process.env.DATABASE_URL;
    reloadConfig();
    expect((await fresh().call(signup, "/api/auth/signup", { body: body("closed@example.test") })).status).toBe(403);
    expect(await query(sql`select 1 from app_private.signup_requests where email = 'closed@example.test'`)).toHaveLength(0);
    expect(await listOutbox({ to: "closed@example.test" })).toHaveLength(0);
  });

  it("rejects bad input with field errors", async () => {
    const res = await fresh().call(signup, "/api/auth/signup", { body: { email: "nope", password: "short", name: "", organizationName: "" } });
    expect(res.status).toBe(422);
    expect(Object.keys((res.json as { details: object }).details).sort()).toEqual(["email", "name", "organizationName", "password"]);
  });

  it("keeps only a hash of the link and of the password; sign-in is refused until the link is opened; then the user lands in their new organization", async () => {
    const email = "new.person@example.test";
    const res = await fresh().call(signup, "/api/auth/signup", { body: body("New.Person@Example.test") });
    expect(res.status).toBe(202);
    const token = await linkFor(email);
    const [request] = await query<{ token_hash: string; password_hash: string; expires_at: Date }>(sql`
      select token_hash, password_hash, expires_at from app_private.signup_requests where email = ${email}`);
    expect(request!.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(request!.password_hash).toMatch(/^\$2a\$10\$/);
    expect(new Date(request!.expires_at).getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect(await query(sql`select 1 from auth.users where email = ${email}`)).toHaveLength(0);

    const client = fresh();
    const early = await client.call(login, "/api/auth/login", { body: { email, password: "signup-password-1" } });
    expect(early.status).toBe(403);
    expect(early.json).toMatchObject({ code: "EMAIL_NOT_VERIFIED" });
    // A wrong password learns nothing about the pending sign-up.
    expect((await client.call(login, "/api/auth/login", { body: { email, password: "wrong-password-1" } })).status).toBe(401);

    const verified = await fresh().call(verify, "/api/auth/verify-email", { body: { token } });
    expect(verified.status).toBe(200);
    expect(verified.json).toEqual({ email, organization: { slug: "signup-studio", name: "Signup Studio" } });

    const signedIn = await client.call<{ organizations: { slug: string; role: string }[] }>(login, "/api/auth/login", { body: { email, password: "signup-password-1" } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.json.organizations).toEqual([expect.objectContaining({ slug: "signup-studio", role: "admin" })]);

    const events = await query<{ action: string; org: string | null }>(sql`
      select e.action, o.slug as org from public.audit_events e left join public.organizations o on o.id = e.org_id
      where e.metadata ->> 'email' = ${email} and e.action not like 'auth.login%' order by e.id`);
    expect(events.map((e) => e.action)).toEqual(["auth.signup_requested", "org.created", "auth.email_verified"]);
    expect(events.slice(1).every((e) => e.org === "signup-studio")).toBe(true);

    // The link is spent: a second use changes nothing.
    const again = await fresh().call(verify, "/api/auth/verify-email", { body: { token } });
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({ code: "INVALID_TOKEN" });
    expect(await query(sql`select 1 from public.organizations where name = 'Signup Studio'`)).toHaveLength(1);
  });

  it("answers a known address exactly as a new one, and emails its owner a notice instead of a link", async () => {
    const known = await createUser(db.engine(), "known.owner@example.test");
    const a = await fresh().call(signup, "/api/auth/signup", { body: body("unknown.person@example.test") });
    const b = await fresh().call(signup, "/api/auth/signup", { body: body(known.email) });
    expect(b.status).toBe(a.status);
    expect(b.json).toEqual(a.json);
    const headerNames = (h: Headers) => [...h.keys()].filter((k) => k !== "x-request-id").sort();
    expect(headerNames(b.headers)).toEqual(headerNames(a.headers));
    expect(b.headers.getSetCookie()).toEqual([]);

    const [notice] = await listOutbox({ to: known.email });
    expect(notice).toMatchObject({ template: "existing-account" });
    expect(notice!.text_body).not.toMatch(/verify-email/);
    expect(notice!.text_body).toContain("already has an account");
    // Nothing changed for the owner: same password, no new organization, no usable link.
    expect(await query(sql`select 1 from app_private.signup_requests where email = ${known.email} and token_hash is not null`)).toHaveLength(0);
    expect((await fresh().call(login, "/api/auth/login", { body: { email: known.email, password: TEST_PASSWORD } })).status).toBe(200);
  });

  it("refuses an expired, unknown or malformed link", async () => {
    await fresh().call(signup, "/api/auth/signup", { body: body("slow.reader@example.test", { organizationName: "Slow Co" }) });
    const token = await linkFor("slow.reader@example.test");
    await query(sql`update app_private.signup_requests set expires_at = now() - interval '1 second' where email = 'slow.reader@example.test'`);
    const expired = await fresh().call(verify, "/api/auth/verify-email", { body: { token } });
    expect(expired.status).toBe(400);
    expect(expired.json).toMatchObject({ code: "INVALID_TOKEN" });
    const unknown = await fresh().call(verify, "/api/auth/verify-email", { body: { token: "A".repeat(43) } });
    expect(unknown.status).toBe(400);
    const malformed = await fresh().call(verify, "/api/auth/verify-email", { body: { token: "short" } });
    expect(malformed.status).toBe(422);
    expect(await query(sql`select 1 from auth.users where email = 'slow.reader@example.test'`)).toHaveLength(0);
    expect(await query(sql`select 1 from public.organizations where name = 'Slow Co'`)).toHaveLength(0);
  });

  it("each link sets what its own sign-up chose; once one is opened the others are spent", async () => {
    const email = "twice@example.test";
    await fresh().call(signup, "/api/auth/signup", { body: body(email, { password: "first-choice-1", organizationName: "First Choice" }) });
    const first = await linkFor(email);
    await fresh().call(signup, "/api/auth/signup", { body: body(email, { password: "second-choice-2", organizationName: "Second Choice" }) });
    const second = await linkFor(email);
    expect(second).not.toBe(first);
    expect((await fresh().call(verify, "/api/auth/verify-email", { body: { token: first } })).status).toBe(200);
    expect((await fresh().call(login, "/api/auth/login", { body: { email, password: "first-choice-1" } })).status).toBe(200);
    expect((await fresh().call(login, "/api/auth/login", { body: { email, password: "second-choice-2" } })).status).toBe(401);
    expect((await fresh().call(verify, "/api/auth/verify-email", { body: { token: second } })).status).toBe(400);
    expect(await query(sql`select 1 from public.organizations where name = 'Second Choice'`)).toHaveLength(0);
  });

  it("limits sign-ups per IP (429 with Retry-After) and emails per address, answering 202 all the same", async () => {
    process.env.SIGNUP_MAX_PER_IP_PER_HOUR = "3";
    reloadConfig();
    const client = new TestClient("192.0.2.77");
    for (let i = 0; i < 3; i++) {
      expect((await client.call(signup, "/api/auth/signup", { body: body(`burst${i}@example.test`) })).status).toBe(202);
    }
    const limited = await client.call(signup, "/api/auth/signup", { body: body("burst3@example.test") });
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ code: "RATE_LIMITED" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(3000);
    expect(await query(sql`select 1 from app_private.signup_requests where email = 'burst3@example.test'`)).toHaveLength(0);
    expect((await fresh().call(signup, "/api/auth/signup", { body: body("burst3@example.test") })).status).toBe(202);

    // One address gets at most three emails an hour from sign-ups, whoever asks.
    const target = "flooded@example.test";
    for (let i = 0; i < 5; i++) expect((await fresh().call(signup, "/api/auth/signup", { body: body(target) })).status).toBe(202);
    expect(await listOutbox({ to: target })).toHaveLength(3);
    const audits = await query(sql`select 1 from public.audit_events where action = 'auth.signup_requested' and metadata ->> 'email' = ${target}`);
    expect(audits).toHaveLength(5);
  });
});

describe("sign-up in Supabase mode", () => {
  const supa = setupTestDatabase();
  let fakeUsers: () => Map<string, { email: string; passwordHash?: string; email_confirmed_at: string | null }>;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const mode = await enterSupabaseMode(supa.engine, { SIGNUP_MODE: "open" });
    fakeUsers = () => mode.fake.users;
    stop = mode.stop;
    return () => stop();
  });

  it("creates the confirmed user through the admin API with the bcrypt hash kept at sign-up, and GoTrue accepts the password", async () => {
    const email = "supa.signup@example.test";
    expect((await fresh().call(signup, "/api/auth/signup", { body: body(email, { organizationName: "Supa Studio" }) })).status).toBe(202);
    const token = await linkFor(email);
    // Before the link: GoTrue has no such user, so sign-in fails, and our hint says why.
    const early = await fresh().call(login, "/api/auth/login", { body: { email, password: "signup-password-1" } });
    expect(early.json).toMatchObject({ code: "EMAIL_NOT_VERIFIED" });

    const res = await fresh().call(verify, "/api/auth/verify-email", { body: { token } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const user = [...fakeUsers().values()].find((u) => u.email === email)!;
    expect(user.passwordHash).toMatch(/^\$2a\$10\$/);
    expect(user.email_confirmed_at).not.toBeNull();
    const signedIn = await fresh().call<{ organizations: { slug: string; role: string }[] }>(login, "/api/auth/login", {
      body: { email, password: "signup-password-1" },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.json.organizations).toEqual([expect.objectContaining({ slug: "supa-studio", role: "admin" })]);
  });
});
