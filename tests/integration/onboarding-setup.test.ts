/**
 * First-run setup on an empty database (no user), over HTTP: the generated token printed at start,
 * a wrong token or bad input refused with nothing written, the first admin and organization
 * created and signed in, then /api/setup gone (404) and the token refused. Two setups at once make
 * one admin. Supabase mode creates the admin through the admin API.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as me } from "@/app/api/me/route";
import { GET as setupStatus, POST as setupPost } from "@/app/api/setup/route";
import { reloadConfig } from "@/server/config";
import { sql } from "@/server/db/sql";
import { logger } from "@/server/http/logger";
import { announceSetup } from "@/server/onboarding/announce-setup";
import { setupTestDatabase } from "../helpers/test-db";
import { TestClient } from "../helpers/http-client";
import { enterSupabaseMode } from "../helpers/supabase-mode";

const db = setupTestDatabase();
const query = <Row,>(q: ReturnType<typeof sql>) => db.engine().transaction((tx) => tx.query<Row>(q));

const counts = async () =>
  (await query<{ users: number; orgs: number; members: number; events: number }>(sql`
    select (select count(*) from auth.users) as users, (select count(*) from public.organizations) as orgs,
           (select count(*) from public.org_members) as members,
           (select count(*) from public.audit_events where action = 'org.created') as events`))[0]!;

const input = (token: string, overrides: Record<string, unknown> = {}) => ({
  token,
  organizationName: "Northwind Advisory",
  timezone: "Europe/London",
  currency: "gbp",
  name: "Nora North",
  email: "Nora@Northwind.test",
  password: "first-admin-password",
  ...overrides,
});

afterEach(() => {
  delete process.env.SETUP_TOKEN;
  reloadConfig();
  vi.restoreAllMocks();
});

describe("first-run setup on an empty database", () => {
  let generated = "";

  it("is needed while no user exists, and the start prints the setup link with a generated token, the same at every start", async () => {
    expect(await counts()).toEqual({ users: 0, orgs: 0, members: 0, events: 0 });
    const status = await new TestClient().call(setupStatus, "/api/setup");
    expect(status).toMatchObject({ status: 200, json: { needed: true } });

    const warn = vi.spyOn(logger, "warn");
    process.env.APP_URL = "https://portal.example.test";
    reloadConfig();
    const line = await announceSetup();
    delete process.env.APP_URL;
    expect(line).toMatch(/^Setup: https:\/\/portal\.example\.test\/setup\?token=[A-Za-z0-9_-]{43}$/);
    expect(warn).toHaveBeenCalledWith(line);
    generated = new URL(line!.slice("Setup: ".length)).searchParams.get("token")!;
    expect((await announceSetup())!.endsWith(generated)).toBe(true);
  });

  it("never echoes SETUP_TOKEN, and accepts it instead of the generated one", async () => {
    process.env.SETUP_TOKEN = "operator-chosen-setup-token";
    reloadConfig();
    const line = await announceSetup();
    expect(line).toContain("/setup (the token is the value of SETUP_TOKEN)");
    expect(line).not.toContain("operator-chosen");
    const res = await new TestClient().call(setupPost, "/api/setup", { body: input(generated) });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ code: "VALIDATION_FAILED", details: { token: [expect.stringContaining("not valid")] } });
  });

  it("refuses a wrong or missing token, and bad input, writing nothing", async () => {
    const client = new TestClient();
    const wrong = await client.call(setupPost, "/api/setup", { body: input("not-the-token-at-all") });
    expect(wrong.status).toBe(422);
    expect(wrong.json).toMatchObject({ details: { token: [expect.any(String)] } });
    const missing = await client.call(setupPost, "/api/setup", { body: { ...input(generated), token: "" } });
    expect(missing.status).toBe(422);
    const bad = await client.call(setupPost, "/api/setup", {
      body: input(generated, { slug: "api", email: "not-an-email", password: "short", timezone: "Mars/Olympus", currency: "pounds" }),
    });
    expect(bad.status).toBe(422);
    expect(Object.keys((bad.json as { details: object }).details).sort()).toEqual(["currency", "email", "password", "slug", "timezone"]);
    const malformed = await client.call(setupPost, "/api/setup", { rawBody: "{", headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
    expect(await counts()).toEqual({ users: 0, orgs: 0, members: 0, events: 0 });
  });

  it("two setups at once make one admin", async () => {
    const [a, b] = await Promise.all([
      new TestClient("203.0.113.1").call(setupPost, "/api/setup", { body: input(generated, { email: "a@northwind.test" }) }),
      new TestClient("203.0.113.2").call(setupPost, "/api/setup", { body: input(generated, { email: "b@northwind.test", organizationName: "Other" }) }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, expect.any(Number)]);
    const loser = a.status === 201 ? b : a;
    expect([404, 409]).toContain(loser.status);
    expect(await counts()).toEqual({ users: 1, orgs: 1, members: 1, events: 1 });
  });
});

describe("first-run setup completes once", () => {
  const fresh = setupTestDatabase();
  const q = <Row,>(s: ReturnType<typeof sql>) => fresh.engine().transaction((tx) => tx.query<Row>(s));

  it("creates the organization and its admin, signs the admin in, then answers 404 and refuses the token", async () => {
    process.env.SETUP_TOKEN = "operator-chosen-setup-token";
    reloadConfig();
    const client = new TestClient();
    const res = await client.call<{ organization: { slug: string; name: string }; user: { email: string } }>(setupPost, "/api/setup", {
      body: input("operator-chosen-setup-token"),
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ organization: { slug: "northwind-advisory", name: "Northwind Advisory" }, user: { email: "nora@northwind.test" } });

    const profile = await client.call<{ user: { email: string; fullName: string }; organizations: { slug: string; role: string; timezone: string; currency: string }[] }>(me, "/api/me");
    expect(profile.status).toBe(200);
    expect(profile.json.user).toMatchObject({ email: "nora@northwind.test", fullName: "Nora North" });
    expect(profile.json.organizations).toEqual([expect.objectContaining({ slug: "northwind-advisory", role: "admin", timezone: "Europe/London", currency: "GBP" })]);

    const [event] = await q<{ actor_type: string; metadata: Record<string, unknown> }>(sql`
      select actor_type, metadata from public.audit_events where action = 'org.created'`);
    expect(event).toEqual({ actor_type: "system", metadata: expect.objectContaining({ via: "setup", slug: "northwind-advisory" }) });
    // The new organization has its dashboards like any other.
    expect(await q(sql`select 1 from public.dashboards d join public.organizations o on o.id = d.org_id where o.slug = 'northwind-advisory'`)).toHaveLength(3);
    expect(await q(sql`select 1 from app_private.setup_state`)).toHaveLength(0);

    const anonymous = new TestClient();
    expect((await anonymous.call(setupStatus, "/api/setup")).status).toBe(404);
    const replay = await anonymous.call(setupPost, "/api/setup", { body: input("operator-chosen-setup-token", { email: "intruder@example.test" }) });
    expect(replay.status).toBe(404);
    expect(replay.json).toMatchObject({ code: "NOT_FOUND" });
    expect(await announceSetup()).toBeNull();
    expect(await q(sql`select 1 from auth.users`)).toHaveLength(1);
  });
});

describe("first-run setup in Supabase mode", () => {
  const fresh = setupTestDatabase();

  it("creates the admin through the admin API, confirmed, and signs them in through GoTrue", async () => {
    const { fake, stop } = await enterSupabaseMode(fresh.engine, { SETUP_TOKEN: "supabase-mode-setup-token" });
    try {
      const client = new TestClient();
      const res = await client.call(setupPost, "/api/setup", { body: input("supabase-mode-setup-token") });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      expect(fake.requests.filter((r) => r.startsWith("POST /auth/v1/admin/users"))).toHaveLength(1);
      const user = [...fake.users.values()][0]!;
      expect(user).toMatchObject({ email: "nora@northwind.test", email_confirmed_at: expect.any(String), user_metadata: { full_name: "Nora North" } });
      expect([...client.cookies.keys()].some((name) => /^sb-.*-auth-token/.test(name))).toBe(true);
      const rows = await fresh.engine().transaction((tx) =>
        tx.query<{ role: string; slug: string }>(sql`
          select m.role, o.slug from public.org_members m join public.organizations o on o.id = m.org_id where m.user_id = ${user.id}`),
      );
      expect(rows).toEqual([{ role: "admin", slug: "northwind-advisory" }]);
      expect((await new TestClient().call(setupStatus, "/api/setup")).status).toBe(404);
    } finally {
      await stop();
    }
  });
});
