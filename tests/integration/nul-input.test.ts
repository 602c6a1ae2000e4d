/**
 * NUL (U+0000) in any string input is refused at validation with 422 VALIDATION_FAILED naming the
 * field: Postgres text cannot hold it, and before the shared `text()` schema it reached the
 * database and came back as a 500 (login password, organization name, member search). The table
 * is every body and query field of every operation in the API description, which a test in
 * http-layer.test.ts keeps equal to the route files.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z, type ZodType } from "zod";
import { POST as login } from "@/app/api/auth/login/route";
import { API_OPERATIONS, type ApiOperation } from "@/server/openapi/api-operations";
import { NUL_MESSAGE } from "@/lib/text-schema";
import { setupTestDatabase } from "../helpers/test-db";
import { createOrgWithMembers, TEST_PASSWORD } from "../helpers/fixtures";
import { TestClient, type CallResult } from "../helpers/http-client";

const db = setupTestDatabase();

type Handler = Parameters<TestClient["call"]>[0];
const NUL = "a\u0000b";

/** The string properties of an object schema that are free text (no enum, format or pattern of their own). */
function stringFields(schema: ZodType): { name: string; freeText: boolean }[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, Record<string, unknown>> };
  return Object.entries(json.properties ?? {})
    .filter(([, p]) => p.type === "string" && !p.enum)
    .map(([name, p]) => ({ name, freeText: !p.format && (p.pattern === undefined || p.pattern === "^[^\\u0000]*$") && !p.allOf }));
}

async function handlerOf(op: ApiOperation): Promise<Handler> {
  const dir = op.path.replace(/^\/api/, "").replace(/\{([^}]+)\}/g, "[$1]");
  const mod = (await import(path.resolve("src/app/api", `.${dir}`, "route.ts"))) as Record<string, Handler>;
  const handler = mod[op.method.toUpperCase()];
  if (!handler) throw new Error(`${op.method} ${op.path}: the route file exports no handler`);
  return handler;
}

/** Path parameters that pass their own schemas, so the body or query is what gets judged. */
const paramsOf = (apiPath: string) =>
  Object.fromEntries([...apiPath.matchAll(/\{([^}]+)\}/g)].map(([, name]) => [name!, name === "key" ? "A".repeat(43) : "00000000-0000-4000-8000-000000000000"]));

// A multipart upload's "string" is the file itself (binary), judged as a workbook by the imports
// tests (tests/integration/imports-api.test.ts: random bytes, renamed CSV, entity tricks …).
const cases = API_OPERATIONS.flatMap((op) => [
  ...(op.body ? stringFields(op.body).map((f) => ({ op, where: "body" as const, ...f })) : []),
  ...(op.query ? stringFields(op.query).map((f) => ({ op, where: "query" as const, ...f })) : []),
]);

describe("NUL in string input", () => {
  let admin: TestClient;
  let orgSlug: string;
  beforeAll(async () => {
    const world = await createOrgWithMembers(db.engine(), "nul-input");
    orgSlug = world.org.slug;
    admin = new TestClient();
    expect((await admin.call(login, "/api/auth/login", { body: { email: world.members.admin.email, password: TEST_PASSWORD } })).status).toBe(200);
  });

  it("covers the fields the defect report named", () => {
    const named = cases.map((c) => `${c.op.method} ${c.op.path} ${c.where}.${c.name}`);
    expect(named).toEqual(expect.arrayContaining([
      "post /api/auth/login body.password",
      "patch /api/organization body.name",
      "get /api/users query.search",
    ]));
  });

  it.each(cases.map((c) => [`${c.op.method.toUpperCase()} ${c.op.path} ${c.where}.${c.name}`, c] as const))(
    "%s: 422 naming the field",
    async (_label, { op, where, name, freeText }) => {
      const handler = await handlerOf(op);
      const options = {
        method: op.method.toUpperCase(),
        params: paramsOf(op.path),
        headers: { "x-org-id": orgSlug },
        ...(where === "body" ? { body: { [name]: NUL } } : { query: { [name]: NUL } }),
      };
      const res: CallResult = await admin.call(handler, op.path, options);
      expect(res.status).toBe(422);
      expect(res.json).toMatchObject({ code: "VALIDATION_FAILED", error: expect.any(String), requestId: expect.any(String) });
      const details = res.json.details as Record<string, string[]>;
      expect(details[name]).toBeDefined();
      if (freeText) expect(details[name]).toContain(NUL_MESSAGE);
    },
  );

  it("answers a NUL in a path parameter without reaching the database (never a 500)", async () => {
    for (const op of API_OPERATIONS.filter((o) => o.path.includes("{"))) {
      const params = Object.fromEntries(Object.keys(paramsOf(op.path)).map((k) => [k, NUL]));
      const res = await admin.call(await handlerOf(op), op.path, { method: op.method.toUpperCase(), params, headers: { "x-org-id": orgSlug } });
      expect(res.status, `${op.method} ${op.path}`).toBe(404);
      expect(res.json).toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("answers a NUL in ?org= as an unknown organization", async () => {
    const members = await handlerOf(API_OPERATIONS.find((o) => o.path === "/api/users" && o.method === "get")!);
    const res = await admin.call(members, "/api/users", { query: { org: NUL } });
    expect(res.status).toBe(404);
  });
});
