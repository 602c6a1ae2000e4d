/**
 * OpenAPI is the truth: for every route file under src/app/api and every HTTP method, the
 * operation in API_OPERATIONS (which /api/openapi.json is generated from) says exactly what the
 * route's `route()` call declares — auth kind, permission, organization context, and the very same
 * zod objects for body, multipart form and query — and a method without an operation is one of
 * otherMethods' 405s (OPTIONS: 204 with the same Allow). The API fuzz (api-fuzz.test.ts) walks the
 * document, so it walks what the routes really do.
 */
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { routeConfigOf } from "@/server/http/route";
import { HTTP_METHODS } from "@/server/http/other-methods";
import { API_OPERATIONS } from "@/server/openapi/api-operations";
import { loadApiRoutes } from "../helpers/api-routes";

describe("OpenAPI against the route files", async () => {
  const routes = await loadApiRoutes();
  const files = routes.filter((r) => !r.catchAll);

  it("finds the route files", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files.map((r) => [r.apiPath, r] as const))("%s: every method is documented as declared, or a 405", async (apiPath, routeFile) => {
    const declared = HTTP_METHODS.filter((m) => m !== "HEAD" && routeConfigOf(routeFile.handlers[m]));
    const allow = HTTP_METHODS.filter((m) => declared.includes(m) || m === "OPTIONS" || (m === "HEAD" && declared.includes("GET"))).join(", ");
    for (const method of HTTP_METHODS) {
      if (method === "HEAD") continue; // Next.js answers HEAD with GET
      const handler = routeFile.handlers[method];
      expect(handler, `${routeFile.file} exports no ${method}`).toBeTypeOf("function");
      const config = routeConfigOf(handler);
      const op = API_OPERATIONS.find((o) => o.path === apiPath && o.method === method.toLowerCase());
      const label = `${method} ${apiPath}`;
      if (config) {
        expect(op, `${label} is declared by ${routeFile.file} but missing from API_OPERATIONS`).toBeDefined();
        expect({ auth: op!.auth, permission: op!.permission, org: Boolean(op!.org) }, label).toEqual({
          auth: config.auth,
          permission: config.permission,
          org: Boolean(config.org),
        });
        // The same objects, not look-alikes: a field added to the route's schema is documented and fuzzed.
        expect(op!.body, `${label} body`).toBe(config.body);
        expect(op!.form, `${label} form`).toBe(config.form);
        expect(op!.query, `${label} query`).toBe(config.query);
      } else {
        expect(op, `${label} is in API_OPERATIONS but the route answers 405`).toBeUndefined();
        const res = await handler!(new NextRequest(`http://localhost${apiPath}`, { method }), { params: Promise.resolve({}) });
        expect(res.status, label).toBe(method === "OPTIONS" ? 204 : 405);
        expect(res.headers.get("allow"), label).toBe(allow);
        if (method !== "OPTIONS") expect(await res.json()).toMatchObject({ code: "METHOD_NOT_ALLOWED", requestId: expect.any(String) });
      }
    }
  });

  it("documents no operation without a route file", () => {
    const paths = new Set(files.map((r) => r.apiPath));
    for (const op of API_OPERATIONS) expect(paths, `${op.method} ${op.path}`).toContain(op.path);
  });
});
