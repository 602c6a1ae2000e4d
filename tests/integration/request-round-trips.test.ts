/**
 * How many transactions and statements a signed-in request costs the database, route wrapper and
 * handler together. On PGlite (one session) each of them is time every other request queues behind,
 * so these counts are pinned: a change that adds a round trip to every request fails here. The
 * route wrapper's part (session, organization, two-factor gate) is one transaction; the handler's
 * own follows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/me/route";
import { GET as dashboardData } from "@/app/api/dashboards/[id]/data/route";
import { GET as members } from "@/app/api/users/route";
import { setEngine, sql } from "@/server/db";
import { ensureDefaultDashboards } from "@/server/dashboards/default-dashboards";
import { setupTestDatabase } from "../helpers/test-db";
import { addMember, createOrgWithMembers, createUser } from "../helpers/fixtures";
import { countingEngine, roundTrips } from "../helpers/counting-engine";
import type { TestClient } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";

const db = setupTestDatabase();

type World = Awaited<ReturnType<typeof createOrgWithMembers>>;

describe("database round trips per request", () => {
  let world: World;
  let counting: ReturnType<typeof countingEngine>;
  let admin: TestClient;
  let dashboardId: string;
  let headers: Record<string, string>;

  beforeAll(async () => {
    world = await createOrgWithMembers(db.engine(), "trips-org");
    headers = { "x-org-id": world.org.id };
    dashboardId = await db.engine().transaction(async (tx) => {
      await ensureDefaultDashboards(tx, world.org.id);
      return (await tx.one<{ id: string }>(sql`select id from public.dashboards where org_id = ${world.org.id} and key = 'financial-overview'`)).id;
    });
    admin = await signIn(world.members.admin.email);
    counting = countingEngine(db.engine());
    setEngine(counting.engine);
  });

  const measure = async (call: () => Promise<{ status: number }>) => {
    counting.reset();
    const res = await call();
    expect(res.status).toBe(200);
    return { ...roundTrips(counting.transactions), gate: counting.transactions[0]!.statements };
  };

  // The gate's statements after BEGIN: the caller's role and claims (one set_config statement),
  // then what the route needs checked; the session alone is checked without the role switch.
  const SET_CLAIMS = expect.stringMatching(/^select set_config\('role'/);
  const SESSION_ONLY = expect.stringMatching(/^select app_private\.session_live\(\$1::uuid, \$2::uuid\) as live$/);
  const SESSION_AND_FACTOR = expect.stringMatching(/^select app_private\.caller_session_live\(\) as live, app_private\.user_has_verified_factor/);
  const ORG = expect.stringMatching(/^select o\.id, o\.slug/);

  it("GET /api/me: the session check alone, without a role switch, then the handler's transaction", async () => {
    const trips = await measure(() => admin.call(me, "/api/me"));
    expect(trips.gate).toEqual([SESSION_ONLY]);
    expect(trips).toMatchObject({ transactions: 2, perTransaction: [3, 5] });
  });

  it("GET /api/dashboards/{id}/data: session, factor and organization in one transaction, then the handler's", async () => {
    const trips = await measure(() => admin.call(dashboardData, `/api/dashboards/${dashboardId}/data`, { params: { id: dashboardId }, headers }));
    expect(trips.gate).toEqual([SET_CLAIMS, SESSION_AND_FACTOR, ORG]);
    expect(trips).toMatchObject({ transactions: 2, perTransaction: [5, 6] });
  });

  it("GET /api/users: the same gate, then the handler's transaction", async () => {
    const trips = await measure(() => admin.call(members, "/api/users", { headers }));
    expect(trips.gate).toEqual([SET_CLAIMS, SESSION_AND_FACTOR, ORG]);
    expect(trips).toMatchObject({ transactions: 2, perTransaction: [5, 4] });
  });

  describe("the one gate transaction keeps every guarantee", () => {
    const member = async (slug: string) => {
      const user = await createUser(db.engine(), `${slug}@example.test`);
      await addMember(db.engine(), world.org.id, user.id, "admin");
      return { user, client: await signIn(user.email) };
    };
    const code = (res: { status: number; json: Record<string, unknown> }) => ({ status: res.status, code: res.json.code });

    it("a signed-out session is refused from the next request on, 401 before any organization is looked at", async () => {
      const { user, client } = await member("revoked-trips");
      expect((await client.call(members, "/api/users", { headers })).status).toBe(200);
      await db.query(sql`delete from auth.sessions where user_id = ${user.id}`);
      expect(code(await client.call(members, "/api/users", { headers }))).toEqual({ status: 401, code: "UNAUTHORIZED" });
      // An organization it is not in would be 404 for a live session: the dead session says nothing about it.
      expect(code(await client.call(members, "/api/users", { headers: { "x-org-id": "no-such-org" } }))).toEqual({ status: 401, code: "UNAUTHORIZED" });
      expect(code(await client.call(me, "/api/me"))).toEqual({ status: 401, code: "UNAUTHORIZED" });
    });

    it("a banned or deleted user is refused at once", async () => {
      const banned = await member("banned-trips");
      await db.query(sql`update auth.users set banned_until = now() + interval '1 day' where id = ${banned.user.id}`);
      expect(code(await banned.client.call(dashboardData, `/api/dashboards/${dashboardId}/data`, { params: { id: dashboardId }, headers }))).toEqual({ status: 401, code: "UNAUTHORIZED" });
      const deleted = await member("deleted-trips");
      await db.query(sql`update auth.users set deleted_at = now() where id = ${deleted.user.id}`);
      expect(code(await deleted.client.call(me, "/api/me"))).toEqual({ status: 401, code: "UNAUTHORIZED" });
    });

    it("a member deactivated, or an organization newly requiring two factors, tells on the next request", async () => {
      const { user, client } = await member("deactivated-trips");
      expect((await client.call(members, "/api/users", { headers })).status).toBe(200);
      await db.query(sql`update public.org_members set status = 'deactivated' where org_id = ${world.org.id} and user_id = ${user.id}`);
      expect(code(await client.call(members, "/api/users", { headers }))).toEqual({ status: 404, code: "NOT_FOUND" });

      const strict = await member("strict-trips");
      await db.query(sql`update public.organizations set mfa_required_roles = '{admin}' where id = ${world.org.id}`);
      try {
        expect(code(await strict.client.call(members, "/api/users", { headers }))).toEqual({ status: 403, code: "MFA_ENROLLMENT_REQUIRED" });
        expect((await strict.client.call(me, "/api/me")).status).toBe(200);
      } finally {
        await db.query(sql`update public.organizations set mfa_required_roles = '{}' where id = ${world.org.id}`);
      }
    });
  });
});
