/**
 * Settings › Integrations over HTTP against the Xero fake: the whole consent (connect → Xero's
 * authorize page → callback) with encrypted token storage, the role matrix, every bad state, declined
 * consent, tenants of the wrong type, Xero failing, and disconnection (runs cancelled, tokens dropped,
 * Xero told) with their audit events.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decryptToken } from "@edge-shared/sync/token-crypto.ts";
import { tokenKey } from "@edge-shared/sync/token-store.ts";
import { listConnections } from "@edge-shared/sync/xero-oauth.ts";
import { GET as listRoute } from "@/app/api/integrations/route";
import { DELETE as disconnectRoute } from "@/app/api/integrations/[id]/route";
import { GET as connectRoute } from "@/app/api/integrations/xero/connect/route";
import { GET as callbackRoute } from "@/app/api/integrations/xero/callback/route";
import { POST as adoptCurrencyRoute } from "@/app/api/integrations/[id]/currency/route";
import { POST as triggerRoute } from "@/app/api/sync/trigger/route";
import { createSyncRunKind } from "@edge-shared/jobs/kinds/sync-run.ts";
import { createJobRegistry } from "@edge-shared/jobs/create-job-registry.ts";
import { drainJobs } from "@edge-shared/jobs/worker.ts";
import { jobDatabase } from "@/server/jobs/job-database";
import { reloadConfig, syncConfig } from "@/server/config";
import { sql } from "@/server/db/sql";
import { asServiceOn } from "@/server/db/transactions";
import { ROLES, type Role } from "@/lib/permissions";
import { startXeroFake, type XeroFake } from "@/server/demo/xero-fake/xero-fake";
import { addMember, createOrgWithMembers, createUser } from "../helpers/fixtures";
import { ORIGIN, TestClient } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";
import { setupTestDatabase } from "../helpers/test-db";

const db = setupTestDatabase();
const REDIRECT_URI = "http://localhost:3000/api/integrations/xero/callback";
const XERO_ENV = ["XERO_CLIENT_ID", "XERO_CLIENT_SECRET", "XERO_REDIRECT_URI", "XERO_LOGIN_URL", "XERO_IDENTITY_URL", "XERO_API_URL", "XPM_BASE_URL"] as const;

const { query } = db;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Audit events are append-only: each test counts those after this mark. */
let auditMark = 0;

/** Everything a consent may write, to prove a refused callback wrote none of it. */
async function written(orgId: string) {
  const [row] = await query<{ connections: number; token_sets: number; audits: number }>(sql`
    select (select count(*) from public.integration_connections where org_id = ${orgId}::uuid) as connections,
           (select count(*) from public.integration_token_sets where org_id = ${orgId}::uuid) as token_sets,
           (select count(*) from public.audit_events where org_id = ${orgId}::uuid and id > ${auditMark} and action like 'integration.%') as audits`);
  return row!;
}

/** A loopback server that answers every request with `status` (a Xero outage). */
async function startBrokenXero(status: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(status, { "content-type": "text/plain" });
    res.end("An error occurred in Xero.");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (a network failure). */
async function deadUrl(): Promise<string> {
  const broken = await startBrokenXero(500);
  await broken.close();
  return broken.url;
}

describe("integrations API", () => {
  let fake: XeroFake;
  let acme: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let globex: Awaited<ReturnType<typeof createOrgWithMembers>>;
  const clients = {} as Record<Role | "other org admin" | "anonymous", TestClient>;
  let tenants: { ledger: string; holdings: string; practice: string };

  const configureXero = (overrides: Partial<Record<(typeof XERO_ENV)[number], string>> = {}) => {
    Object.assign(process.env, {
      XERO_CLIENT_ID: fake.clientId,
      XERO_CLIENT_SECRET: fake.clientSecret,
      XERO_REDIRECT_URI: REDIRECT_URI,
      XERO_LOGIN_URL: fake.url,
      XERO_IDENTITY_URL: fake.url,
      XERO_API_URL: fake.apiUrl,
      XPM_BASE_URL: fake.xpmUrl,
      ...overrides,
    });
    reloadConfig();
  };

  /** connect → Xero's authorize page (the fake consents at once) → the redirect back with code and state. */
  async function authorize(client: TestClient, provider: "xero" | "xpm" = "xero", org = acme.org.slug) {
    const start = await client.call(connectRoute, "/api/integrations/xero/connect", { query: { provider, org } });
    expect(start.status, JSON.stringify(start.json)).toBe(302);
    const authorizeUrl = new URL(start.headers.get("location")!);
    const consent = await fetch(authorizeUrl, { redirect: "manual" });
    expect(consent.status).toBe(302);
    const back = new URL(consent.headers.get("location")!);
    expect(back.origin + back.pathname).toBe(REDIRECT_URI);
    return { authorizeUrl, back, state: authorizeUrl.searchParams.get("state")! };
  }

  async function callback(client: TestClient, params: URLSearchParams) {
    const res = await client.call(callbackRoute, `/api/integrations/xero/callback?${params}`);
    const location = res.headers.get("location");
    // A path, resolved by the browser against the address it is on (never the server's idea of its host).
    if (location) expect(location).toMatch(/^\/[a-z0-9-]+\/settings\/integrations\?/);
    return { res, target: location ? new URL(location, ORIGIN) : null };
  }

  async function connect(client: TestClient, provider: "xero" | "xpm" = "xero", org = acme.org.slug) {
    const { authorizeUrl, back } = await authorize(client, provider, org);
    const { res, target } = await callback(client, back.searchParams);
    expect(res.status, JSON.stringify(res.json)).toBe(302);
    return { authorizeUrl, target: target! };
  }

  const connections = (orgId: string) =>
    query<{ id: string; provider: string; tenant_id: string; tenant_name: string; status: string; token_set_id: string | null; xero_connection_id: string }>(sql`
      select id, provider, tenant_id, tenant_name, status, token_set_id, xero_connection_id
      from public.integration_connections where org_id = ${orgId}::uuid order by tenant_name`);

  beforeAll(async () => {
    fake = await startXeroFake({ redirectUris: [REDIRECT_URI] });
    tenants = {
      ledger: fake.addTenant("ORGANISATION", "Acme Ledger").tenantId,
      holdings: fake.addTenant("ORGANISATION", "Acme Holdings").tenantId,
      practice: fake.addTenant("PRACTICEMANAGER", "Acme Practice").tenantId,
    };
    // Books in the organizations' currency (the fixtures' USD); "another currency" below adds one in NZD.
    for (const tenant of fake.tenants.values()) tenant.baseCurrency = "USD";
    acme = await createOrgWithMembers(db.engine(), "acme-integrations");
    globex = await createOrgWithMembers(db.engine(), "globex-integrations");
    for (const role of ROLES) clients[role] = await signIn(acme.members[role].email);
    clients["other org admin"] = await signIn(globex.members.admin.email);
    clients.anonymous = new TestClient();
  });

  beforeEach(async () => {
    const [mark] = await query<{ id: number }>(sql`select coalesce(max(id), 0) as id from public.audit_events`);
    auditMark = mark!.id;
    configureXero();
    fake.consentTo(null);
    fake.settings.denyNextConsent = false;
  });

  afterEach(async () => {
    // Each test starts from an organization without connections.
    await query(sql`delete from public.integration_connections where org_id in (${acme.org.id}::uuid, ${globex.org.id}::uuid)`);
    await query(sql`delete from public.integration_token_sets where org_id in (${acme.org.id}::uuid, ${globex.org.id}::uuid)`);
  });

  afterAll(async () => {
    for (const name of XERO_ENV) delete process.env[name];
    reloadConfig();
    await fake?.close();
  });

  describe("connecting", () => {
    it("stores one consent's tokens encrypted and one connection per chosen Xero organisation", async () => {
      fake.consentTo([tenants.ledger, tenants.holdings, tenants.practice]);
      const { authorizeUrl, target } = await connect(clients.admin);

      // The authorize request: our client, the registered redirect, the configured scopes, a state stored only as its hash.
      expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(fake.authorizeUrl);
      expect(authorizeUrl.searchParams.get("client_id")).toBe(fake.clientId);
      expect(authorizeUrl.searchParams.get("redirect_uri")).toBe(REDIRECT_URI);
      expect(authorizeUrl.searchParams.get("scope")).toBe(syncConfig().oauth.scopes);
      const state = authorizeUrl.searchParams.get("state")!;
      expect(Buffer.from(state, "base64url")).toHaveLength(32);
      const [stored] = await query<{ state_hash: string; provider: string; user_id: string; used: boolean; ttl: number }>(sql`
        select state_hash, provider, user_id, used_at is not null as used, extract(epoch from expires_at - created_at) as ttl
        from public.integration_oauth_states where org_id = ${acme.org.id}::uuid`);
      expect(stored).toEqual({ state_hash: sha256(state), provider: "xero", user_id: acme.members.admin.id, used: true, ttl: expect.closeTo(600, 0) });

      expect(target.pathname).toBe(`/${acme.org.slug}/settings/integrations`);
      expect(Object.fromEntries(target.searchParams)).toEqual({ provider: "xero", connected: "2" });

      // Only the ORGANISATION tenants, both on the one token set of this consent.
      const rows = await connections(acme.org.id);
      expect(rows.map((r) => [r.provider, r.tenant_id, r.tenant_name, r.status])).toEqual([
        ["xero", tenants.holdings, "Acme Holdings", "connected"],
        ["xero", tenants.ledger, "Acme Ledger", "connected"],
      ]);
      expect(new Set(rows.map((r) => r.token_set_id)).size).toBe(1);
      const [set] = await query<{ id: string; access_token_enc: string; refresh_token_enc: string; scopes: string[]; auth_event_id: string }>(sql`
        select id, access_token_enc, refresh_token_enc, scopes, auth_event_id from public.integration_token_sets where org_id = ${acme.org.id}::uuid`);
      expect(set!.id).toBe(rows[0]!.token_set_id);

      // Ciphertext at rest; it opens only with the key and the id-bound context, and the token inside works at Xero.
      const key = await tokenKey(syncConfig());
      const access = await decryptToken(key, set!.access_token_enc, `${set!.id}:access`);
      const refresh = await decryptToken(key, set!.refresh_token_enc, `${set!.id}:refresh`);
      expect(set!.access_token_enc).not.toContain(access);
      expect(set!.access_token_enc).toMatch(/^v1\./);
      expect(set!.refresh_token_enc).not.toContain(refresh);
      await expect(decryptToken(key, set!.access_token_enc, `${set!.id}:refresh`)).rejects.toThrow(/could not be decrypted/);
      await expect(decryptToken(key, set!.access_token_enc, `${rows[1]!.id}:access`)).rejects.toThrow(/could not be decrypted/);
      expect(fake.decodeAccessToken(access).authentication_event_id).toBe(set!.auth_event_id);
      const atXero = await listConnections(syncConfig().oauth, access, set!.auth_event_id);
      expect(atXero.map((c) => c.id).sort()).toEqual(expect.arrayContaining(rows.map((r) => r.xero_connection_id).sort()));
      expect(set!.scopes).toEqual(syncConfig().oauth.scopes.split(" "));

      const audits = await query<{ action: string; actor_user_id: string; target_id: string; metadata: Record<string, unknown> }>(sql`
        select action, actor_user_id, target_id, metadata from public.audit_events where org_id = ${acme.org.id}::uuid and id > ${auditMark} and action = 'integration.connected' order by target_id`);
      expect(audits).toHaveLength(2);
      expect(audits.map((a) => a.target_id).sort()).toEqual(rows.map((r) => r.id).sort());
      expect(audits.every((a) => a.actor_user_id === acme.members.admin.id && a.metadata.provider === "xero")).toBe(true);

      const list = await clients.finance.call<{ items: Array<Record<string, unknown>>; xeroConfigured: boolean }>(listRoute, "/api/integrations", {
        headers: { "x-org-id": acme.org.slug },
      });
      expect(list.status).toBe(200);
      expect(list.json.xeroConfigured).toBe(true);
      expect(list.json.items).toHaveLength(2);
      expect(list.json.items[0]).toMatchObject({ provider: "xero", tenantName: "Acme Holdings", status: "connected", connectedByEmail: acme.members.admin.email, lastError: null });
      expect(Date.parse(list.json.items[0]!.tokenExpiresAt as string)).toBeGreaterThan(Date.now());
      expect(JSON.stringify(list.json)).not.toMatch(/token_enc|v1\./);
    });

    it("connects XPM with the practicemanager scope and keeps only practices", async () => {
      const { authorizeUrl, target } = await connect(clients.admin, "xpm");
      expect(authorizeUrl.searchParams.get("scope")!.split(" ")).toEqual(expect.arrayContaining(["practicemanager", "offline_access"]));
      expect(target.searchParams.get("connected")).toBe("1");
      const rows = await connections(acme.org.id);
      expect(rows.map((r) => [r.provider, r.tenant_id, r.tenant_name])).toEqual([["xpm", tenants.practice, "Acme Practice"]]);
    });

    it("connecting the same organisation again reuses its connection with the new consent's tokens", async () => {
      fake.consentTo([tenants.ledger]);
      await connect(clients.admin);
      const [first] = await connections(acme.org.id);
      fake.consentTo([tenants.ledger]);
      await connect(clients.admin);
      const rows = await connections(acme.org.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.id).toBe(first!.id);
      expect(rows[0]!.token_set_id).not.toBe(first!.token_set_id);
      // The replaced consent's token set is gone: nothing uses it any more.
      expect((await written(acme.org.id)).token_sets).toBe(1);
    });

    it("answers 503 and stores no state when Xero is not configured", async () => {
      delete process.env.XERO_CLIENT_ID;
      reloadConfig();
      const res = await clients.admin.call(connectRoute, "/api/integrations/xero/connect", { query: { provider: "xero", org: acme.org.slug } });
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ code: "SERVICE_UNAVAILABLE", error: "Xero is not configured on this server" });
      expect(await query(sql`select 1 from public.integration_oauth_states where org_id = ${acme.org.id}::uuid and used_at is null`)).toHaveLength(0);
      const list = await clients.admin.call<{ xeroConfigured: boolean }>(listRoute, "/api/integrations", { headers: { "x-org-id": acme.org.slug } });
      expect(list.json.xeroConfigured).toBe(false);
    });

    it("takes the organization from X-Org-Id too, and refuses an unknown provider", async () => {
      const byHeader = await clients.admin.call(connectRoute, "/api/integrations/xero/connect", { query: { provider: "xpm" }, headers: { "x-org-id": acme.org.id } });
      expect(byHeader.status).toBe(302);
      const bad = await clients.admin.call(connectRoute, "/api/integrations/xero/connect", { query: { provider: "quickbooks", org: acme.org.slug } });
      expect(bad.status).toBe(422);
      expect(bad.json).toMatchObject({ code: "VALIDATION_FAILED" });
    });
  });

  describe("role matrix", () => {
    // admin, executive, finance, operator, staff, other org admin, anonymous
    const who = ["admin", "executive", "finance", "operator", "staff", "other org admin", "anonymous"] as const;

    it("only admins may connect; another organization's admin gets 404; anonymous 401", async () => {
      const expected = [302, 403, 403, 403, 403, 404, 401];
      for (const [i, name] of who.entries()) {
        const res = await clients[name].call(connectRoute, "/api/integrations/xero/connect", { query: { provider: "xero", org: acme.org.slug } });
        expect(res.status, name).toBe(expected[i]);
      }
      // Refused callers stored no state.
      const states = await query<{ user_id: string }>(sql`select user_id from public.integration_oauth_states where org_id = ${acme.org.id}::uuid and used_at is null`);
      expect(new Set(states.map((s) => s.user_id))).toEqual(new Set([acme.members.admin.id]));
    });

    it("members with sync.read list connections; staff 403; another organization sees none of them", async () => {
      await connect(clients.admin);
      const expected = [200, 200, 200, 200, 403, 404, 401];
      for (const [i, name] of who.entries()) {
        const res = await clients[name].call<{ items: unknown[] }>(listRoute, "/api/integrations", { headers: { "x-org-id": acme.org.slug } });
        expect(res.status, name).toBe(expected[i]);
        if (res.status === 200) expect(res.json.items.length, name).toBeGreaterThan(0);
      }
      const own = await clients["other org admin"].call<{ items: unknown[] }>(listRoute, "/api/integrations", { headers: { "x-org-id": globex.org.slug } });
      expect(own.status).toBe(200);
      expect(own.json.items).toEqual([]);
    });

    it("only admins may disconnect; another organization's admin cannot, even naming their own organization", async () => {
      fake.consentTo([tenants.ledger]);
      await connect(clients.admin);
      const [conn] = await connections(acme.org.id);
      const call = (name: (typeof who)[number], org = acme.org.slug) =>
        clients[name].call(disconnectRoute, `/api/integrations/${conn!.id}`, { method: "DELETE", params: { id: conn!.id }, headers: { "x-org-id": org } });
      const refused = [403, 403, 403, 403, 404, 401];
      for (const [i, name] of who.slice(1).entries()) expect((await call(name)).status, name).toBe(refused[i]);
      const viaOwnOrg = await call("other org admin", globex.org.slug);
      expect(viaOwnOrg.status).toBe(404);
      expect(viaOwnOrg.json).toMatchObject({ code: "NOT_FOUND" });
      expect((await connections(acme.org.id))[0]!.status).toBe("connected");
      expect((await call("admin")).status).toBe(200);
    });
  });

  describe("callback with a bad state writes nothing", () => {
    const expectRefused = async (res: { status: number; json: unknown }, message: RegExp) => {
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ code: "INVALID_TOKEN", error: expect.stringMatching(message) });
      expect(await written(acme.org.id)).toEqual({ connections: 0, token_sets: 0, audits: 0 });
    };

    it("missing state", async () => {
      const { back } = await authorize(clients.admin);
      back.searchParams.delete("state");
      await expectRefused((await callback(clients.admin, back.searchParams)).res, /no state/);
    });

    it("unknown state", async () => {
      const { back } = await authorize(clients.admin);
      back.searchParams.set("state", randomBytes(32).toString("base64url"));
      await expectRefused((await callback(clients.admin, back.searchParams)).res, /not valid/);
    });

    it("another user's state, even an admin of the same organization", async () => {
      const other = await createUser(db.engine(), `second-admin-${randomBytes(3).toString("hex")}@example.test`);
      await addMember(db.engine(), acme.org.id, other.id, "admin");
      const { back, state } = await authorize(clients.admin);
      await expectRefused((await callback(await signIn(other.email), back.searchParams)).res, /not valid/);
      // Still usable by the admin who started it.
      const [row] = await query<{ used_at: Date | null }>(sql`select used_at from public.integration_oauth_states where state_hash = ${sha256(state)}`);
      expect(row!.used_at).toBeNull();
    });

    it("a reused state (the callback replayed)", async () => {
      fake.consentTo([tenants.ledger]);
      const { back } = await authorize(clients.admin);
      expect((await callback(clients.admin, back.searchParams)).res.status).toBe(302);
      const before = await written(acme.org.id);
      const replay = (await callback(clients.admin, back.searchParams)).res;
      expect(replay.status).toBe(400);
      expect(replay.json).toMatchObject({ code: "INVALID_TOKEN", error: expect.stringMatching(/already used/) });
      expect(await written(acme.org.id)).toEqual(before);
    });

    it("a new consent sweeps the caller's spent and expired states, and nobody else's", async () => {
      const other = await createUser(db.engine(), `third-admin-${randomBytes(3).toString("hex")}@example.test`);
      await addMember(db.engine(), acme.org.id, other.id, "admin");
      const expire = (state: string) => query(sql`update public.integration_oauth_states set expires_at = now() - interval '1 second' where state_hash = ${sha256(state)}`);
      const mine = (await authorize(clients.admin)).state;
      const theirs = (await authorize(await signIn(other.email))).state;
      await expire(mine);
      await expire(theirs);
      const fresh = (await authorize(clients.admin)).state;
      const left = await query<{ state_hash: string }>(sql`
        select state_hash from public.integration_oauth_states where state_hash = any(${[mine, theirs, fresh].map(sha256)}::text[])`);
      expect(left.map((r) => r.state_hash).sort()).toEqual([sha256(theirs), sha256(fresh)].sort());
    });

    it("an expired state", async () => {
      const { back, state } = await authorize(clients.admin);
      await query(sql`update public.integration_oauth_states set expires_at = now() - interval '1 second' where state_hash = ${sha256(state)}`);
      await expectRefused((await callback(clients.admin, back.searchParams)).res, /expired/);
    });

    it("a signed-out browser", async () => {
      const { back } = await authorize(clients.admin);
      const { res } = await callback(clients.anonymous, back.searchParams);
      expect(res.status).toBe(401);
      expect(await written(acme.org.id)).toEqual({ connections: 0, token_sets: 0, audits: 0 });
    });
  });

  describe("callback failures after a good state go back to the page with a message", () => {
    const expectBack = async (target: URL | null, code: string, message: RegExp) => {
      expect(target?.pathname).toBe(`/${acme.org.slug}/settings/integrations`);
      expect(target?.searchParams.get("code")).toBe(code);
      expect(target?.searchParams.get("error")).toMatch(message);
      expect(target?.searchParams.has("connected")).toBe(false);
      expect(await written(acme.org.id)).toEqual({ connections: 0, token_sets: 0, audits: 0 });
    };

    it("declined consent", async () => {
      fake.settings.denyNextConsent = true;
      const { back } = await authorize(clients.admin);
      expect(back.searchParams.get("error")).toBe("access_denied");
      const { res, target } = await callback(clients.admin, back.searchParams);
      expect(res.status).toBe(302);
      await expectBack(target, "BAD_REQUEST", /declined/);
    });

    it("only organisations of the other type were chosen", async () => {
      fake.consentTo([tenants.practice]);
      const { target } = await connect(clients.admin, "xero");
      await expectBack(target, "VALIDATION_FAILED", /none of the organizations chosen in Xero is a Xero organization/);
      fake.consentTo([tenants.ledger]);
      const xpm = await connect(clients.admin, "xpm");
      await expectBack(xpm.target, "VALIDATION_FAILED", /Practice Manager practice/);
    });

    it("Xero's token endpoint fails (503) or cannot be reached: UPSTREAM_ERROR, never a 500", async () => {
      const broken = await startBrokenXero(503);
      try {
        for (const identity of [broken.url, await deadUrl()]) {
          configureXero();
          const { back } = await authorize(clients.admin);
          configureXero({ XERO_IDENTITY_URL: identity });
          const { res, target } = await callback(clients.admin, back.searchParams);
          expect(res.status).toBe(302);
          await expectBack(target, "UPSTREAM_ERROR", /could not be reached/);
        }
      } finally {
        await broken.close();
      }
    });

    it("Xero's /connections fails after the code exchange", async () => {
      const broken = await startBrokenXero(500);
      try {
        const { back } = await authorize(clients.admin);
        configureXero({ XERO_API_URL: broken.url });
        const { target } = await callback(clients.admin, back.searchParams);
        await expectBack(target, "UPSTREAM_ERROR", /could not be reached/);
      } finally {
        await broken.close();
      }
    });

    it("Xero refuses the code (already spent)", async () => {
      const { back } = await authorize(clients.admin);
      // Spend the code at Xero first, as an intercepted redirect would.
      const spent = await fetch(fake.tokenUrl, {
        method: "POST",
        headers: { authorization: `Basic ${Buffer.from(`${fake.clientId}:${fake.clientSecret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "authorization_code", code: back.searchParams.get("code")!, redirect_uri: REDIRECT_URI }),
      });
      expect(spent.status).toBe(200);
      const { target } = await callback(clients.admin, back.searchParams);
      await expectBack(target, "INVALID_TOKEN", /did not accept/);
    });
  });

  describe("a Xero organisation that keeps its books in another currency", () => {
    let kiwi: string;
    beforeAll(() => {
      const tenant = fake.addTenant("ORGANISATION", "Kiwi Ledger");
      tenant.baseCurrency = "NZD";
      kiwi = tenant.tenantId;
    });
    afterEach(async () => {
      fake.resetLimits();
      await query(sql`update public.organizations set currency = 'USD' where id = ${acme.org.id}::uuid`);
    });

    const adopt = (id: string, client = clients.admin, org = acme.org.slug) =>
      client.call<Record<string, unknown>>(adoptCurrencyRoute, `/api/integrations/${id}/currency`, { method: "POST", params: { id }, headers: { "x-org-id": org } });
    const currencyOf = async (orgId: string) => (await query<{ currency: string }>(sql`select currency from public.organizations where id = ${orgId}::uuid`))[0]!.currency;
    const byName = async (name: string) => (await connections(acme.org.id)).find((c) => c.tenant_name === name)!;

    it("is held back for a decision: nothing syncs, the organization's currency is unchanged", async () => {
      fake.consentTo([tenants.ledger, kiwi]);
      const { target } = await connect(clients.admin);
      expect(Object.fromEntries(target.searchParams)).toEqual({ provider: "xero", connected: "1", pending: "1" });
      const rows = await query<{ tenant_name: string; status: string; base_currency: string }>(sql`
        select tenant_name, status, base_currency from public.integration_connections where org_id = ${acme.org.id}::uuid order by tenant_name`);
      expect(rows).toEqual([
        { tenant_name: "Acme Ledger", status: "connected", base_currency: "USD" },
        { tenant_name: "Kiwi Ledger", status: "currency_mismatch", base_currency: "NZD" },
      ]);
      expect(await currencyOf(acme.org.id)).toBe("USD");

      const list = await clients.admin.call<{ items: Array<Record<string, unknown>>; currency: string }>(listRoute, "/api/integrations", { headers: { "x-org-id": acme.org.slug } });
      expect(list.json.currency).toBe("USD");
      expect(list.json.items.find((i) => i.tenantName === "Kiwi Ledger")).toMatchObject({ status: "currency_mismatch", baseCurrency: "NZD" });

      // Neither a manual sync nor the guarded function will run it.
      const held = await byName("Kiwi Ledger");
      const manual = await clients.admin.call(triggerRoute, "/api/sync/trigger", { body: { connectionId: held.id }, headers: { "x-org-id": acme.org.slug } });
      expect(manual.status).toBe(409);
      expect(manual.json).toMatchObject({ code: "CONFLICT", error: expect.stringMatching(/another currency/) });
      await expect(asServiceOn(db.engine(), (tx) => tx.query(sql`select * from app_private.request_sync_run(${held.id}::uuid, 'schedule')`))).rejects.toThrow(/reconnected/);
      const all = await clients.admin.call<{ runs: Array<{ connectionId: string }> }>(triggerRoute, "/api/sync/trigger", { body: {}, headers: { "x-org-id": acme.org.slug } });
      expect(all.status).toBe(202);
      expect(all.json.runs.map((r) => r.connectionId)).toEqual([(await byName("Acme Ledger")).id]);
    });

    it("adopting Xero's currency: admins only, refused while another live Xero organisation uses the old one, then it syncs", async () => {
      fake.consentTo([tenants.ledger, kiwi]);
      await connect(clients.admin);
      const held = await byName("Kiwi Ledger");
      const expected = { executive: 403, finance: 403, operator: 403, staff: 403, "other org admin": 404, anonymous: 401 } as const;
      for (const [name, status] of Object.entries(expected)) expect((await adopt(held.id, clients[name as keyof typeof expected])).status, name).toBe(status);
      expect((await adopt(held.id, clients["other org admin"], globex.org.slug)).status).toBe(404);

      const blocked = await adopt(held.id);
      expect(blocked.status).toBe(409);
      expect(blocked.json).toMatchObject({ code: "CONFLICT", error: expect.stringMatching(/Acme Ledger is also connected/) });
      expect(await currencyOf(acme.org.id)).toBe("USD");

      const ledger = await byName("Acme Ledger");
      expect((await clients.admin.call(disconnectRoute, `/api/integrations/${ledger.id}`, { method: "DELETE", params: { id: ledger.id }, headers: { "x-org-id": acme.org.slug } })).status).toBe(200);
      const adopted = await adopt(held.id);
      expect(adopted.status).toBe(200);
      expect(adopted.json).toMatchObject({ currency: "NZD", previousCurrency: "USD", integration: { id: held.id, status: "connected", baseCurrency: "NZD" } });
      expect(await currencyOf(acme.org.id)).toBe("NZD");
      const [audit] = await query<{ actor_user_id: string; target_id: string; metadata: Record<string, unknown> }>(sql`
        select actor_user_id, target_id, metadata from public.audit_events where org_id = ${acme.org.id}::uuid and id > ${auditMark} and action = 'integration.currency_adopted'`);
      expect(audit).toEqual({ actor_user_id: acme.members.admin.id, target_id: held.id, metadata: { tenantName: "Kiwi Ledger", currency: "NZD", previousCurrency: "USD" } });

      const again = await adopt(held.id);
      expect(again.status).toBe(409);
      expect(again.json).toMatchObject({ code: "CONFLICT", error: expect.stringMatching(/not waiting/) });
      const manual = await clients.admin.call(triggerRoute, "/api/sync/trigger", { body: { connectionId: held.id }, headers: { "x-org-id": acme.org.slug } });
      expect(manual.status).toBe(202);
    });

    it("refusing is a disconnect: tokens dropped, Xero told, the currency unchanged", async () => {
      fake.consentTo([kiwi]);
      const { target } = await connect(clients.admin);
      expect(Object.fromEntries(target.searchParams)).toEqual({ provider: "xero", connected: "0", pending: "1" });
      const held = await byName("Kiwi Ledger");
      fake.resetCalls();
      const res = await clients.admin.call<{ removedInXero: boolean }>(disconnectRoute, `/api/integrations/${held.id}`, { method: "DELETE", params: { id: held.id }, headers: { "x-org-id": acme.org.slug } });
      expect(res.status).toBe(200);
      expect(res.json.removedInXero).toBe(true);
      expect((await byName("Kiwi Ledger")).status).toBe("disconnected");
      expect((await written(acme.org.id)).token_sets).toBe(0);
      expect(await currencyOf(acme.org.id)).toBe("USD");
    });

    it("Xero's organisation record cannot be read: nothing is connected, never a guess", async () => {
      fake.consentTo([kiwi]);
      const { back } = await authorize(clients.admin);
      fake.failNext({ kind: "503", path: "/Organisation" }, 5);
      const { target } = await callback(clients.admin, back.searchParams);
      expect(target?.searchParams.get("code")).toBe("UPSTREAM_ERROR");
      expect(await written(acme.org.id)).toEqual({ connections: 0, token_sets: 0, audits: 0 });
    });

    it("a connected organisation whose currency changes later is held back at its next sync", async () => {
      fake.consentTo([tenants.ledger]);
      await connect(clients.admin);
      const ledger = await byName("Acme Ledger");
      await query(sql`update public.organizations set currency = 'EUR' where id = ${acme.org.id}::uuid`);
      const [run] = await asServiceOn(db.engine(), (tx) => tx.query<{ run_id: string }>(sql`select run_id from app_private.request_sync_run(${ledger.id}::uuid, 'manual')`));
      const registry = createJobRegistry([createSyncRunKind()]);
      await drainJobs({ db: jobDatabase(db.engine()), registry, kinds: registry.kindsFor("all"), workerId: "currency-test", leaseSeconds: 30, deadline: Date.now() + 20_000 });
      const [after] = await query<{ status: string; error: string }>(sql`select status, error from public.sync_runs where id = ${run!.run_id}::uuid`);
      expect(after).toEqual({ status: "cancelled", error: expect.stringMatching(/keeps its books in USD, the organization uses EUR/) });
      expect((await byName("Acme Ledger")).status).toBe("currency_mismatch");
      expect(await query(sql`select 1 from public.xero_invoices where org_id = ${acme.org.id}::uuid`)).toHaveLength(0);
    });
  });

  describe("disconnecting", () => {
    const disconnect = (id: string, client = clients.admin) =>
      client.call<{ integration: Record<string, unknown>; removedInXero: boolean }>(disconnectRoute, `/api/integrations/${id}`, {
        method: "DELETE",
        params: { id },
        headers: { "x-org-id": acme.org.slug },
      });

    it("stops syncing, cancels queued runs, drops the tokens once unused, tells Xero and records it", async () => {
      fake.consentTo([tenants.ledger, tenants.holdings]);
      await connect(clients.admin);
      const [holdings, ledger] = await connections(acme.org.id);
      const tokenSetId = holdings!.token_set_id!;
      const [run] = await asServiceOn(db.engine(), (tx) =>
        tx.query<{ run_id: string; job_id: string }>(sql`select run_id, job_id from app_private.request_sync_run(${ledger!.id}::uuid, 'schedule')`),
      );
      fake.resetCalls();

      const first = await disconnect(ledger!.id);
      expect(first.status).toBe(200);
      expect(first.json.integration).toMatchObject({ id: ledger!.id, status: "disconnected", tenantName: "Acme Ledger", tokenExpiresAt: null });
      expect(first.json.integration.disconnectedAt).toEqual(expect.any(String));
      expect(first.json.removedInXero).toBe(true);
      expect(fake.calls.filter((c) => c.method === "DELETE").map((c) => [c.path, c.status])).toEqual([[`/connections/${ledger!.xero_connection_id}`, 204]]);

      const [runAfter] = await query<{ status: string; error: string }>(sql`select status, error from public.sync_runs where id = ${run!.run_id}::uuid`);
      expect(runAfter).toEqual({ status: "cancelled", error: "The connection was disconnected" });
      const [job] = await query<{ cancel_requested_at: Date | null }>(sql`select cancel_requested_at from public.jobs where id = ${run!.job_id}::uuid`);
      expect(job!.cancel_requested_at).not.toBeNull();

      // Holdings still shares the consent: its tokens stay until it goes too.
      expect(await query(sql`select 1 from public.integration_token_sets where id = ${tokenSetId}::uuid`)).toHaveLength(1);
      const second = await disconnect(holdings!.id);
      expect(second.status).toBe(200);
      expect(await query(sql`select 1 from public.integration_token_sets where id = ${tokenSetId}::uuid`)).toHaveLength(0);
      expect(fake.calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toContain(`/connections/${holdings!.xero_connection_id}`);

      const rows = await connections(acme.org.id);
      expect(rows.map((r) => [r.status, r.token_set_id])).toEqual([
        ["disconnected", null],
        ["disconnected", null],
      ]);
      const audits = await query<{ target_id: string; actor_user_id: string; metadata: Record<string, unknown> }>(sql`
        select target_id, actor_user_id, metadata from public.audit_events where org_id = ${acme.org.id}::uuid and id > ${auditMark} and action = 'integration.disconnected' order by id`);
      expect(audits).toEqual([
        { target_id: ledger!.id, actor_user_id: acme.members.admin.id, metadata: expect.objectContaining({ provider: "xero", tenantName: "Acme Ledger" }) },
        { target_id: holdings!.id, actor_user_id: acme.members.admin.id, metadata: expect.objectContaining({ provider: "xero", tenantName: "Acme Holdings" }) },
      ]);

      // Twice is a conflict, and an unknown id is not found.
      const again = await disconnect(ledger!.id);
      expect(again.status).toBe(409);
      expect(again.json).toMatchObject({ code: "CONFLICT" });
      expect((await disconnect("00000000-0000-4000-8000-000000000000")).status).toBe(404);
      expect((await disconnect("not-a-uuid")).status).toBe(404);

      const list = await clients.admin.call<{ items: Array<{ status: string }> }>(listRoute, "/api/integrations", { headers: { "x-org-id": acme.org.slug } });
      expect(list.json.items.map((i) => i.status)).toEqual(["disconnected", "disconnected"]);
    });

    it("is final on our side when Xero cannot be reached", async () => {
      fake.consentTo([tenants.ledger]);
      await connect(clients.admin);
      const [conn] = await connections(acme.org.id);
      configureXero({ XERO_API_URL: await deadUrl() });
      const res = await disconnect(conn!.id);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ removedInXero: false, integration: { status: "disconnected" } });
      expect((await written(acme.org.id)).token_sets).toBe(0);
    });

    it("a disconnected organisation can be connected again", async () => {
      fake.consentTo([tenants.ledger]);
      await connect(clients.admin);
      const [conn] = await connections(acme.org.id);
      expect((await disconnect(conn!.id)).status).toBe(200);
      fake.consentTo([tenants.ledger]);
      const { target } = await connect(clients.admin);
      expect(target.searchParams.get("connected")).toBe("1");
      const [again] = await connections(acme.org.id);
      expect(again).toMatchObject({ id: conn!.id, status: "connected", token_set_id: expect.any(String) });
    });
  });
});
