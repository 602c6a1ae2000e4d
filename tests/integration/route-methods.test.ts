/**
 * Every route file answers every method: the ones it implements, and 405 METHOD_NOT_ALLOWED in the
 * flat error shape with `Allow` for the rest (Next.js would answer those itself, bare). The same is
 * checked over real HTTP against the production build in tests/e2e/http-hardening.spec.ts.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "../helpers/test-db";
import { TestClient } from "../helpers/http-client";

setupTestDatabase();

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
