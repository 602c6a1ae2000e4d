/**
 * The whole API under hostile input. For every operation in /api/openapi.json (which
 * openapi-routes.test.ts proves identical to the route files) and every caller — anonymous, each
 * role, a member of another organization — fast-check draws requests that are wrong in the ways a
 * client can manage: wrong types, missing and extra fields, huge strings, unicode, NUL bytes,
 * `__proto__` keys, invalid UUIDs, negative or huge page numbers, deeply nested JSON, malformed
 * JSON, wrong content types, hostile X-Org-Id headers. Every answer must be in the flat error
 * shape and never a 5xx; a 4xx whenever the request is invalid or the caller may not make it (the
 * route's own zod schemas are the oracle); and no table in `public` may change (row counts and
 * checksums before and after). Wrong methods: every method a route file does not implement answers
 * 405 whatever the body, content type and caller (and openapi-routes.test.ts checks each one's Allow).
 *
 * Seeded: FUZZ_SEED=<n> reruns a failing case (the seed is in the failure message), FUZZ_RUNS=<n>
 * draws more requests per operation (default 32).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { routeConfigOf, type RouteConfig } from "@/server/http/route";
import { HTTP_METHODS } from "@/server/http/other-methods";
import { can, ROLES, type Role } from "@/lib/permissions";
import { sql } from "@/server/db/sql";
import { setupTestDatabase } from "../helpers/test-db";
import { createOrgWithMembers } from "../helpers/fixtures";
import { TestClient, type CallOptions } from "../helpers/http-client";
import { signIn } from "../helpers/sign-in";
import { loadApiRoutes, type RouteHandler } from "../helpers/api-routes";
import { asQueryValue, extraKey, hostileString, hostileValue, ownObject, plausibleValue, toJsonText, type JsonSchema } from "../helpers/fuzz-inputs";

const db = setupTestDatabase();

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.FUZZ_RUNS ?? 32);
/** Per test: enough for RUNS requests on a busy machine. */
const TIMEOUT = 60_000 + RUNS * 2_000;

/** "forged": session cookies or a bearer token made up by the client (garbage, alg "none", service_role claims). */
type Caller = "anonymous" | "forged" | Role | "outsider";
const CALLERS: Caller[] = ["anonymous", "forged", ...ROLES, "outsider"];
const SESSIONLESS: Caller[] = ["anonymous", "forged"];

interface Operation {
  method: string;
  path: string;
  security: unknown[];
  parameters?: { name: string; in: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/** One drawn request, described for the failure message. */
interface FuzzCase {
  caller: Caller;
  what: string[];
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string | FormData;
  /** Whether the route's own schemas accept the request as sent. */
  valid: boolean;
  /** The operation takes no input at all (sign out, refresh, liveness…). */
  noInput: boolean;
}

const PATH_PARAM = fc.oneof(
  { weight: 3, arbitrary: fc.uuid({ version: 4 }) },
  { weight: 1, arbitrary: fc.constant("00000000-0000-0000-0000-000000000000") },
  { weight: 4, arbitrary: hostileString.filter((s) => s.length > 0) },
);

/**
 * A header can only carry bytes: a client sending UTF-8 shows up as Latin-1 characters, and
 * NUL, CR and LF never get past an HTTP parser. Surrounding blanks are trimmed; nothing left is no header.
 */
const asHeaderValue = (value: string) => Buffer.from(value.slice(0, 8192), "utf8").toString("latin1").replace(/[\0\r\n]/g, "").trim();

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const FORGED_TOKEN = fc.oneof(
  hostileString.map(asHeaderValue).map((s) => s.replace(/[;,\s]/g, "")),
  fc.uuid({ version: 4 }).map((sub) => `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub, role: "service_role", aud: "authenticated", exp: 4102444800 })}.`),
  fc.uuid({ version: 4 }).map((sub) => `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ sub, role: "authenticated", aud: "authenticated", exp: 4102444800, email: "admin-fuzz-home@example.test" })}.c2lnbmF0dXJl`),
);

const HOSTILE_ORG = fc.oneof(hostileString, fc.uuid({ version: 4 })).map(asHeaderValue).filter((s) => s !== "");

const BAD_CONTENT_TYPES = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "", "application/jsonp", "json"];
const MALFORMED_JSON = ['{"a":', "{", "}", "{'a': 1}", '{"a": 1,}', "nul", "\u0000", '{"a": NaN}', '{"a": undefined}', '[1, 2', "\uFEFF{}", '"unterminated'];

function safeParses(schema: ZodType | undefined, value: unknown): boolean {
  return schema ? schema.safeParse(value).success : true;
}

/** Whether the caller passes authentication and authorization, given the route's declaration. */
function mayCall(caller: Caller, config: RouteConfig): boolean {
  switch (config.auth) {
    case "public":
    case "optional":
      return true;
    case "webhook":
    case "job":
    case "operator":
      return false; // no signature, secret or operator identity in this suite
    case "user":
      if (SESSIONLESS.includes(caller)) return false;
      if (!config.org && !config.permission) return true;
      if (caller === "outsider") return false;
      return config.permission ? can(caller as Role, config.permission) : true;
  }
}

function caseArbitrary(op: Operation, config: RouteConfig): fc.Arbitrary<FuzzCase> {
  const pathNames = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const queryParams = (op.parameters ?? []).filter((p) => p.in === "query");
  const jsonSchema = op.requestBody?.content["application/json"]?.schema;
  const formSchema = op.requestBody?.content["multipart/form-data"]?.schema;
  const needsOrg = Boolean(config.org || config.permission);

  const params = fc.record(Object.fromEntries(pathNames.map((n) => [n, PATH_PARAM])) as Record<string, fc.Arbitrary<string>>);

  // Each named query parameter left out, plausible or hostile; plus unnamed ones.
  const query = fc
    .tuple(
      fc.tuple(...queryParams.map((p) => fc.oneof(fc.constant(undefined), plausibleValue(p.schema).map(asQueryValue), hostileValue.map(asQueryValue)))),
      fc.array(fc.tuple(extraKey, hostileValue.map(asQueryValue)), { maxLength: 2 }),
    )
    .map(([named, extra]) => {
      const out: Record<string, string> = {};
      queryParams.forEach((p, i) => {
        if (named[i] !== undefined) out[p.name] = named[i];
      });
      for (const [k, v] of extra) if (!(k in out) && k !== "org") out[k] = v;
      return out;
    });

  const objectBody = (schema: JsonSchema) => {
    const props = Object.entries(schema.properties ?? {});
    return fc
      .tuple(
        fc.tuple(...props.map(([, s]) => fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: plausibleValue(s) }, { weight: 3, arbitrary: hostileValue }))),
        fc.array(fc.tuple(extraKey, hostileValue), { maxLength: 3 }),
      )
      .map(([values, extra]) => {
        const entries: [string, unknown][] = [];
        props.forEach(([k], i) => {
          if (values[i] !== undefined) entries.push([k, values[i]]);
        });
        for (const [k, v] of extra) if (!entries.some(([e]) => e === k)) entries.push([k, v]);
        return { what: `body ${entries.map(([k]) => JSON.stringify(k)).join(",") || "{}"}`, text: toJsonText(ownObject(entries)), type: "application/json" };
      });
  };

  // JSON bodies: an object with hostile fields, another JSON value, malformed text, or a wrong type.
  const jsonBody = (schema: JsonSchema) =>
    fc.oneof(
      { weight: 6, arbitrary: objectBody(schema) },
      { weight: 1, arbitrary: hostileValue.filter((v) => typeof v !== "object" || v === null || Array.isArray(v)).map((v) => ({ what: "body not an object", text: toJsonText(v), type: "application/json" })) },
      { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((text) => ({ what: "malformed JSON", text, type: "application/json" })) },
      {
        weight: 1,
        arbitrary: fc.tuple(objectBody(schema), fc.constantFrom(...BAD_CONTENT_TYPES)).map(([b, type]) => ({ ...b, what: `${b.what} as ${type || "no content type"}`, type })),
      },
    );

  // The multipart upload: its fields hostile, or not multipart at all.
  const formBody = fc.oneof(
    fc
      .tuple(fc.option(hostileValue.map(asQueryValue)), fc.option(fc.uint8Array({ maxLength: 2048 })), fc.option(fc.constantFrom("purchase_orders", "quantity_surveys")))
      .map(([typeField, file, validType]) => {
        const form = new FormData();
        if (validType ?? typeField) form.set("type", (validType ?? typeField)!);
        if (file) form.set("file", new File([file], "upload.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
        return { what: `form type=${JSON.stringify((validType ?? typeField)?.slice(0, 40))} file=${file ? `${file.length} random bytes` : "none"}`, form };
      }),
    fc.constantFrom(...BAD_CONTENT_TYPES, "application/json").map((type) => ({ what: `upload as ${type || "no content type"}`, text: '{"type":"purchase_orders"}', type })),
  );

  const body = jsonSchema ? jsonBody(jsonSchema) : formSchema ? formBody : fc.constant(undefined);

  return fc
    .record({
      caller: fc.constantFrom(...CALLERS),
      params,
      query: queryParams.length || op.method === "get" ? query : fc.constant({}),
      body,
      hostileOrg: needsOrg ? fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: HOSTILE_ORG }) : fc.constant(null),
      forged: fc.record({ access: FORGED_TOKEN, refresh: FORGED_TOKEN, bearer: fc.boolean() }),
    })
    .map(({ caller, params, query, body, hostileOrg, forged }) => {
      const headers: Record<string, string> = {};
      if (caller === "forged") {
        if (forged.bearer) headers.authorization = `Bearer ${forged.access}`;
        else headers.cookie = `xp-access-token=${forged.access}; xp-refresh-token=${forged.refresh}`;
      }
      const what: string[] = [caller === "forged" ? `as forged ${JSON.stringify(headers.authorization ?? headers.cookie).slice(0, 300)}` : `as ${caller}`];
      if (pathNames.length) what.push(`params ${JSON.stringify(params).slice(0, 200)}`);
      if (Object.keys(query).length) what.push(`query ${JSON.stringify(query).slice(0, 300)}`);
      let sent: string | FormData | undefined;
      let bodyValid = true;
      if (body && "form" in body) {
        sent = body.form;
        what.push(body.what);
        bodyValid = false; // random bytes are never a workbook
      } else if (body) {
        sent = body.text;
        if (body.type) headers["content-type"] = body.type;
        what.push(`${body.what}: ${body.text.slice(0, 200)}${body.text.length > 200 ? `… (${body.text.length} chars)` : ""}`);
        let parsed: unknown;
        try {
          parsed = JSON.parse(body.text);
        } catch {
          bodyValid = false;
        }
        if (bodyValid) bodyValid = /^application\/(.+\+)?json\b/i.test(body.type) && safeParses(config.body, parsed);
        if (formSchema) bodyValid = false;
      }
      if (!SESSIONLESS.includes(caller)) headers["x-org-id"] = hostileOrg ?? "fuzz-home";
      if (hostileOrg !== null) what.push(`X-Org-Id ${JSON.stringify(hostileOrg.slice(0, 80))}`);
      const valid =
        bodyValid &&
        pathNames.length === 0 &&
        hostileOrg === null &&
        safeParses(config.query, query);
      const describe = () => what.map((w) => (w.length > 400 ? `${w.slice(0, 400)}…` : w)).join("; ");
      return { caller, what, params, query, headers, body: sent, valid, [fc.toStringMethod]: describe, noInput: !jsonSchema && !formSchema && !pathNames.length && !queryParams.length };
    });
}

describe("API fuzz", async () => {
  const routes = await loadApiRoutes();
  const handlerOf = (path: string, method: string): RouteHandler => {
    const handler = routes.find((r) => r.apiPath === path)?.handlers[method.toUpperCase() as "GET"];
    if (!handler) throw new Error(`${method} ${path}: no route file exports it`);
    return handler;
  };
  // The served document, not the list it is made from.
  const served = await handlerOf("/api/openapi.json", "get")(new (await import("next/server")).NextRequest("http://localhost/api/openapi.json"), {
    params: Promise.resolve({}),
  });
  const document = (await served.json()) as { paths: Record<string, Record<string, Omit<Operation, "method" | "path">>> };
  const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ ...op, method, path })),
  );

  const clients = new Map<Caller, TestClient>();
  /** Answers by status and error code, printed at the end: what the requests reached. */
  const tally = new Map<string, number>();
  let before: Map<string, string>;

  /** Every base table in `public`: its row count and a checksum of its rows. */
  async function snapshot(): Promise<Map<string, string>> {
    const tables = await db.query<{ name: string }>(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    const out = new Map<string, string>();
    for (const { name } of tables) {
      const [row] = await db.query<{ n: number; sum: string | null }>(
        sql([`select count(*)::int as n, md5(string_agg(md5(t::text), '' order by md5(t::text))) as sum from public."${name.replace(/"/g, '""')}" t`]),
      );
      out.set(name, `${row!.n} rows, ${row!.sum ?? "-"}`);
    }
    return out;
  }

  beforeAll(async () => {
    const home = await createOrgWithMembers(db.engine(), "fuzz-home");
    const away = await createOrgWithMembers(db.engine(), "fuzz-away");
    clients.set("anonymous", new TestClient());
    clients.set("forged", new TestClient());
    for (const role of ROLES) clients.set(role, await signIn(home.members[role].email));
    clients.set("outsider", await signIn(away.members.admin.email));
    before = await snapshot();
  }, 120_000);

  afterAll(() => {
    const total = [...tally.values()].reduce((a, b) => a + b, 0);
    const answers = [...tally].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`).join(", ");
    console.log(`api fuzz: seed ${SEED}, ${operations.length} operations, ${RUNS} runs each, ${total} requests sent (${answers})`);
  });

  it("walks every operation of the document", () => {
    expect(operations.length).toBeGreaterThan(70);
  });

  it.each(operations.map((op, i) => [`${op.method.toUpperCase()} ${op.path}`, op, i] as const))("%s", async (label, op, index) => {
    const handler = handlerOf(op.path, op.method);
    const config = routeConfigOf(handler);
    expect(config, `${label}: not made by route()`).toBeDefined();
    const arbitrary = caseArbitrary(op, config!);
    const property = fc.asyncProperty(arbitrary, async (c) => {
      const allowed = mayCall(c.caller, config!);
      // A valid request by a caller who may make it does its job (a write, an audited export): not
      // this suite's. An operation that takes no input is still called without a real session.
      fc.pre(!c.valid || !allowed || (c.noInput && SESSIONLESS.includes(c.caller)));
      const signedIn = clients.get(c.caller)!;
      // A fresh client with the caller's cookies, so that no answer (a cleared cookie) changes who calls next.
      const client = new TestClient(signedIn.ip);
      for (const [k, v] of signedIn.cookies) client.cookies.set(k, v);
      const options: CallOptions = { method: op.method.toUpperCase(), params: c.params, query: c.query, headers: c.headers, binary: true };
      if (c.body instanceof FormData) options.form = c.body;
      else if (c.body !== undefined) options.rawBody = c.body;
      const res = await client.call(handler, op.path, options);
      const text = res.bytes!.toString("utf8");
      const json = /json/.test(res.headers.get("content-type") ?? "") && text ? (JSON.parse(text) as unknown) : null;
      const key = `${res.status} ${(json as { code?: string } | null)?.code ?? ""}`.trim();
      tally.set(key, (tally.get(key) ?? 0) + 1);
      const where = `${label} ${c.what.join("; ")} → ${res.status} ${text.slice(0, 300)}`;
      expect(res.status, where).toBeLessThan(500);
      if (!c.valid || !allowed) expect(res.status, `${where}: an invalid or unauthorized request must be refused`).toBeGreaterThanOrEqual(400);
      if (res.status >= 400) {
        if (config!.auth === "webhook" && res.status === 401) expect(text, where).toBe(""); // Xero's bare 401
        else expect(json, where).toMatchObject({ error: expect.any(String), code: expect.any(String), timestamp: expect.any(String), requestId: expect.any(String) });
      }
    });
    await fc.assert(property, { seed: SEED + index, numRuns: RUNS, endOnFailure: true, maxSkipsPerRun: 1000 });
  }, TIMEOUT);

  it("answers every method a route file does not implement with 405 in the flat shape, whatever is sent", async () => {
    const undeclared = routes
      .filter((r) => !r.catchAll)
      .flatMap((r) => HTTP_METHODS.filter((m) => m !== "HEAD" && m !== "OPTIONS" && !routeConfigOf(r.handlers[m])).map((m) => ({ file: r, method: m, [fc.toStringMethod]: () => `${m} ${r.apiPath}` })));
    expect(undeclared.length).toBeGreaterThan(200);
    const property = fc.asyncProperty(
      fc.constantFrom(...undeclared),
      fc.constantFrom(...CALLERS),
      fc.oneof(hostileValue.map(toJsonText), fc.constantFrom(...MALFORMED_JSON)),
      fc.constantFrom("application/json", ...BAD_CONTENT_TYPES),
      async ({ file, method }, caller, body, type) => {
        const signedIn = clients.get(caller)!;
        const client = new TestClient(signedIn.ip);
        for (const [k, v] of signedIn.cookies) client.cookies.set(k, v);
        const res = await client.call(file.handlers[method]!, file.apiPath, { method, rawBody: method === "GET" ? undefined : body, headers: { "content-type": type, "x-org-id": "fuzz-home" }, binary: true });
        const where = `${method} ${file.apiPath} as ${caller} with ${type}: ${body.slice(0, 120)}`;
        expect(res.status, where).toBe(405);
        expect(JSON.parse(res.bytes!.toString("utf8")), where).toMatchObject({ code: "METHOD_NOT_ALLOWED", error: expect.any(String), requestId: expect.any(String) });
        tally.set("405 METHOD_NOT_ALLOWED", (tally.get("405 METHOD_NOT_ALLOWED") ?? 0) + 1);
      },
    );
    await fc.assert(property, { seed: SEED, numRuns: RUNS * 10, endOnFailure: true });
  }, TIMEOUT);

  it("changed no row of any public table", async () => {
    const after = await snapshot();
    const changed = [...after].filter(([table, state]) => before.get(table) !== state).map(([table, state]) => `${table}: ${before.get(table)} → ${state}`);
    expect(changed).toEqual([]);
    expect(after.size).toBe(before.size);
  });

  // Last, because these may write: requests the schemas accept, by an admin who may make them,
  // whose strings are hostile (unicode, lone surrogates, RTL overrides, injection text, long
  // within the limits). The service must answer them, or refuse them in the flat shape, never 5xx.
  it("answers valid requests with hostile strings by an admin without a 5xx", async () => {
    const writes = operations.filter((op) => op.method !== "get" && op.requestBody?.content["application/json"] && !op.path.includes("{"));
    expect(writes.length).toBeGreaterThan(10);
    const hostileText = fc.oneof(hostileString.filter((v) => v.length < 5_000), plausibleValue({ type: "string" }));
    const anyOp = fc.constantFrom(...writes).chain((op) => {
      const schema = op.requestBody!.content["application/json"]!.schema;
      const props = Object.entries(schema.properties ?? {});
      return fc
        .tuple(...props.map(([, p]) => (p.type === "string" && !p.enum && !p.format ? hostileText : plausibleValue(p))))
        .map((values) => ({ op, body: Object.fromEntries(props.map(([k], i) => [k, values[i]])), [fc.toStringMethod]: () => `${op.method.toUpperCase()} ${op.path}` }));
    });
    let sent = 0;
    const property = fc.asyncProperty(anyOp, async ({ op, body }) => {
      const handler = handlerOf(op.path, op.method);
      fc.pre(safeParses(routeConfigOf(handler)!.body, body));
      sent++;
      const signedIn = clients.get("admin")!;
      const client = new TestClient(signedIn.ip);
      for (const [k, v] of signedIn.cookies) client.cookies.set(k, v);
      const res = await client.call(handler, op.path, { method: op.method.toUpperCase(), body, headers: { "x-org-id": "fuzz-home" }, binary: true });
      const text = res.bytes!.toString("utf8");
      const where = `${op.method.toUpperCase()} ${op.path} ${JSON.stringify(body).slice(0, 300)} → ${res.status} ${text.slice(0, 300)}`;
      expect(res.status, where).toBeLessThan(500);
      if (res.status >= 400) expect(JSON.parse(text), where).toMatchObject({ error: expect.any(String), code: expect.any(String), requestId: expect.any(String) });
    });
    await fc.assert(property, { seed: SEED, numRuns: RUNS * 4, endOnFailure: true, maxSkipsPerRun: 1000 });
    console.log(`api fuzz: ${sent} valid requests with hostile strings to ${writes.length} write operations`);
  }, TIMEOUT * 2);
});
