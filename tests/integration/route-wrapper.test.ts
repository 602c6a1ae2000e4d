/**
 * What the one route wrapper gives every route. Every route file answers every method: the ones it implements, and 405 METHOD_NOT_ALLOWED in the
 * flat error shape with `Allow` for the rest (Next.js would answer those itself, bare). The same is
 * checked over real HTTP against the production build in tests/e2e/http-hardening.spec.ts.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as passwordUpdate } from "@/app/api/auth/password-update/route";
import { DELETE as revokeInvitation, GET as lookupInvitation } from "@/app/api/invitations/[key]/route";
import { POST as resendInvitation } from "@/app/api/invitations/[key]/resend/route";
import { setupTestDatabase } from "../helpers/test-db";
import { createOrgWithMembers, TEST_PASSWORD } from "../helpers/fixtures";
import { TestClient } from "../helpers/http-client";

const db = setupTestDatabase();

type Handler = Parameters<TestClient["call"]>[0];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function routeFiles(dir = path.resolve("src/app/api")): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? routeFiles(full) : entry === "route.ts" ? [full] : [];
  });
}

const files = routeFiles().filter((f) => !f.includes("[...path]"));

describe("methods a route does not implement", () => {
  it.each(files.map((f) => [path.relative("src/app", path.dirname(f))] as const))("/%s: 405 in the flat shape with Allow", async (dir) => {
    const mod = (await import(path.resolve("src/app", dir, "route.ts"))) as Record<string, Handler | undefined>;
    for (const method of METHODS) expect(mod[method], `${dir} exports ${method}`).toBeTypeOf("function");
    const apiPath = `/${dir.replace(/\[[^\]]+\]/g, "00000000-0000-4000-8000-000000000000")}`;
    const options = await new TestClient().call(mod.OPTIONS!, apiPath, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    const allow = options.headers.get("allow")!.split(", ");
    expect(allow).toContain("OPTIONS");
    const implemented = METHODS.filter((m) => m !== "OPTIONS" && allow.includes(m));
    expect(implemented.length).toBeGreaterThan(0);
    if (allow.includes("GET")) expect(allow).toContain("HEAD");
    for (const method of METHODS.filter((m) => !allow.includes(m))) {
      const res = await new TestClient().call(mod[method]!, apiPath, { method });
      expect(res.status, `${method} ${apiPath}`).toBe(405);
      expect(res.headers.get("allow")).toBe(options.headers.get("allow"));
      expect(res.json).toEqual({ error: expect.any(String), code: "METHOD_NOT_ALLOWED", timestamp: expect.any(String), requestId: expect.any(String) });
      expect(res.headers.get("x-request-id")).toBe(res.json.requestId);
    }
  });
});

describe("per-method params of /api/invitations/{key}", () => {
  it("an invitation id that is not a uuid is a 404 on the admin methods; the public ones judge the token", async () => {
    const world = await createOrgWithMembers(db.engine(), "params-org");
    const admin = new TestClient();
    expect((await admin.call(login, "/api/auth/login", { body: { email: world.members.admin.email, password: TEST_PASSWORD } })).status).toBe(200);
    const headers = { "x-org-id": world.org.slug };
    for (const [handler, method] of [[revokeInvitation, "DELETE"], [resendInvitation, "POST"]] as const) {
      const res = await admin.call(handler, "/api/invitations/not-a-uuid", { method, headers, params: { key: "not-a-uuid" } });
      expect(res.status, method).toBe(404);
      expect(res.json).toMatchObject({ code: "NOT_FOUND", requestId: expect.any(String) });
    }
    const lookup = await new TestClient().call(lookupInvitation, "/api/invitations/not-a-token", { params: { key: "not-a-token" } });
    expect(lookup.status).toBe(400);
    expect(lookup.json).toMatchObject({ code: "INVALID_TOKEN" });
  });
});

describe("the optional auth kind", () => {
  it("gives the handler the caller's claims or null: a password change without a session is a 401, with one it works", async () => {
    const anonymous = await new TestClient().call(passwordUpdate, "/api/auth/password-update", { body: { currentPassword: TEST_PASSWORD, password: "a-new-password-1" } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ code: "UNAUTHORIZED" });
    const world = await createOrgWithMembers(db.engine(), "optional-org");
    const client = new TestClient();
    expect((await client.call(login, "/api/auth/login", { body: { email: world.members.staff.email, password: TEST_PASSWORD } })).status).toBe(200);
    const changed = await client.call<{ user: { email: string } }>(passwordUpdate, "/api/auth/password-update", { body: { currentPassword: TEST_PASSWORD, password: "a-new-password-1" } });
    expect(changed.status).toBe(200);
    expect(changed.json.user.email).toBe(world.members.staff.email);
  });
});
