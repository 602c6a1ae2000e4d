import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as me } from "@/app/api/me/route";
import { GET as health } from "@/app/api/health/route";
import { GET as healthDetailed } from "@/app/api/health/detailed/route";
import { GET as openapi } from "@/app/api/openapi.json/route";
import { GET as unknownGet, POST as unknownPost } from "@/app/api/[...path]/route";
import { API_OPERATIONS } from "@/server/openapi/api-operations";
import { setupTestDatabase } from "../helpers/test-db";
import { addMember, createOrg, createOrgWithMembers, createUser, TEST_PASSWORD } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";

const db = setupTestDatabase();

const expectErrorShape = (json: Record<string, unknown>, code: string) => {
  expect(json).toEqual(
    expect.objectContaining({ code, error: expect.any(String), timestamp: expect.any(String), requestId: expect.any(String) }),
  );
  expect(new Date(json.timestamp as string).toISOString()).toBe(json.timestamp);
};

describe("HTTP layer", () => {
  let acme: Awaited<ReturnType<typeof createOrgWithMembers>>;
  let globex: Awaited<ReturnType<typeof createOrg>>;
  beforeAll(async () => {
    acme = await createOrgWithMembers(db.engine(), "acme-http");
    globex = await createOrg(db.engine(), "globex-http", "Globex");
    const both = await createUser(db.engine(), "both@example.test");
    await addMember(db.engine(), acme.org.id, both.id, "staff");
    await addMember(db.engine(), globex.id, both.id, "admin");
  });

  it("answers malformed JSON with 400 in the error shape", async () => {
    const res = await new TestClient().call(login, "/api/auth/login", { rawBody: '{"email": "a@b.c",', headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expectErrorShape(res.json, "BAD_REQUEST");
  });

  it("answers wrong types with 422 and per-field details", async () => {
    const res = await new TestClient().call(login, "/api/auth/login", { body: { email: "not-an-email", password: 42 } });
    expect(res.status).toBe(422);
    expectErrorShape(res.json, "VALIDATION_FAILED");
    expect(Object.keys(res.json.details as object).sort()).toEqual(["email", "password"]);
  });

  it("answers a non-JSON content type with 415", async () => {
    const res = await new TestClient().call(login, "/api/auth/login", { rawBody: "email=a", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(415);
    expectErrorShape(res.json, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("answers an oversized body with 413, declared or not", async () => {
    const big = JSON.stringify({ email: "a@b.c", password: "x".repeat(1_100_000) });
    const res = await new TestClient().call(login, "/api/auth/login", { rawBody: big, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(413);
    expectErrorShape(res.json, "PAYLOAD_TOO_LARGE");
  });

  it("answers an unknown API route with 404 JSON", async () => {
    for (const handler of [unknownGet, unknownPost]) {
      const res = await new TestClient().call(handler, "/api/nope/nothing", { method: handler === unknownGet ? "GET" : "POST", params: { path: ["nope", "nothing"] } });
      expect(res.status).toBe(404);
      expectErrorShape(res.json, "NOT_FOUND");
    }
  });

  it("refuses a cookie-authenticated mutation from another site with 403, changing nothing", async () => {
    const client = await signIn(acme.members.staff.email);
    const res = await client.call(login, "/api/auth/login", {
      body: { email: acme.members.admin.email, password: TEST_PASSWORD },
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    expectErrorShape(res.json, "FORBIDDEN");
    const who = await client.call<{ user: { email: string } }>(me, "/api/me");
    expect(who.json.user.email).toBe(acme.members.staff.email);
  });

  it("echoes a sane X-Request-ID and replaces an insane one", async () => {
    const sane = await new TestClient().call(health, "/api/health", { headers: { "x-request-id": "req-12345678" } });
    expect(sane.headers.get("x-request-id")).toBe("req-12345678");
    const insane = await new TestClient().call(health, "/api/health", { headers: { "x-request-id": "<script>" } });
    expect(insane.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const err = await new TestClient().call(me, "/api/me", { headers: { "x-request-id": "req-abcdefgh" } });
    expect(err.status).toBe(401);
    expect(err.json.requestId).toBe("req-abcdefgh");
  });

  describe("organization context", () => {
    it("uses the only membership when X-Org-Id is absent", async () => {
      const res = await (await signIn(acme.members.admin.email)).call(healthDetailed, "/api/health/detailed");
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ status: "ok", database: { reachable: true, migrationVersion: expect.stringMatching(/^\d{14}$/) } });
    });

    it("asks which organization when the caller has several", async () => {
      const client = await signIn("both@example.test");
      const res = await client.call(healthDetailed, "/api/health/detailed");
      expect(res.status).toBe(400);
      expectErrorShape(res.json, "ORG_REQUIRED");
      expect((await client.call(healthDetailed, "/api/health/detailed", { headers: { "x-org-id": globex.slug } })).status).toBe(200);
      expect((await client.call(healthDetailed, "/api/health/detailed", { headers: { "x-org-id": globex.id } })).status).toBe(200);
    });

    it("answers 404 for an organization the caller is not a member of, and 403 without the permission", async () => {
      const admin = await signIn(acme.members.admin.email);
      const other = await admin.call(healthDetailed, "/api/health/detailed", { headers: { "x-org-id": globex.slug } });
      expect(other.status).toBe(404);
      const nonexistent = await admin.call(healthDetailed, "/api/health/detailed", { headers: { "x-org-id": "no-such-org" } });
      expect(nonexistent.status).toBe(404);
      expect(nonexistent.json.error).toBe(other.json.error);
      const staff = await (await signIn("both@example.test")).call(healthDetailed, "/api/health/detailed", { headers: { "x-org-id": acme.org.slug } });
      expect(staff.status).toBe(403);
      expectErrorShape(staff.json, "FORBIDDEN");
    });
  });

  it("describes every API route in /api/openapi.json", async () => {
    const res = await new TestClient().call<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(openapi, "/api/openapi.json");
    expect(res.json.openapi).toBe("3.1.0");
    const routeFiles: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (entry === "route.ts") routeFiles.push(full);
      }
    };
    walk(path.resolve("src/app/api"));
    const documented = new Set(API_OPERATIONS.map((op) => op.path));
    for (const file of routeFiles) {
      const apiPath = "/" + path.relative(path.resolve("src/app"), path.dirname(file)).split(path.sep).join("/").replace(/\[([^\].]+)\]/g, "{$1}");
      if (apiPath.includes("[...")) continue; // the catch-all 404
      expect(documented, `${apiPath} is missing from API_OPERATIONS`).toContain(apiPath);
    }
    expect(res.json.paths["/api/auth/login"]?.post).toMatchObject({ requestBody: expect.any(Object) });
  });
});
