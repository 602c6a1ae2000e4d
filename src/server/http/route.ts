import { createHash, timingSafeEqual } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { z, type ZodType } from "zod";
import { getAuthProvider } from "@/server/auth/get-auth-provider";
import { config } from "@/server/config";
import { asUser, type CallerDb, type Claims, type RequestMeta } from "@/server/db";
import type { OrgContext } from "@/server/orgs/resolve-org";
import type { ErrorBody } from "@/lib/error-codes";
import type { Permission } from "@/lib/permissions";
import { AppError, forbidden, unauthorized } from "./app-error";
import { passCallerGate } from "./caller-gate";
import { clientIp } from "./forwarded";
import { RequestCookieJar } from "./cookie-jar";
import { logger } from "./logger";
import { requestIdFrom } from "./request-id";
import { isCrossSiteMutation } from "./same-origin";
import { inFlightRequests } from "./in-flight-requests";
import { toAppError } from "./to-app-error";

/**
 * The one route wrapper. A route declares who may call it, what it needs and the shapes of its
 * input; the wrapper authenticates, resolves the organization, checks the permission, parses and
 * validates, runs the handler, and answers every failure in the flat error shape with a request id.
 * Handlers never repeat these checks.
 *
 * Auth kinds:
 * - `user`: a signed-in user (cookie or bearer token), else 401.
 * - `optional`: the signed-in user's claims when there are some, else null (invitation acceptance,
 *   password update: both serve signed-in and signed-out callers).
 * - `public`: nobody in particular.
 * - `webhook` / `job`: a signature or secret over the raw body (`verify`), else 401.
 * - `operator`: an operator of the deployment, not of an organization: the `X-Operator-Token`
 *   header equal to OPERATOR_TOKEN, or a signed-in user whose email is in OPERATOR_EMAILS.
 */
export type AuthKind = "user" | "optional" | "public" | "webhook" | "job" | "operator";

export interface RouteOptions<B extends ZodType | undefined, Q extends ZodType | undefined, P extends ZodType | undefined> {
  auth: AuthKind;
  /** Requires an organization context (X-Org-Id, `?org=` on a GET, or the only membership) and this permission in it. */
  permission?: Permission;
  /** Requires an organization context without a specific permission. */
  org?: boolean;
  body?: B;
  query?: Q;
  params?: P;
  /**
   * A multipart form the handler reads itself from `rawBytes` (imports): not parsed here, but
   * described in OpenAPI and fuzzed from this schema.
   */
  form?: ZodType;
  /** A function when the limit comes from the config (read per request). */
  maxBodyBytes?: number | (() => number);
  /**
   * webhook / job routes: checks a signature or secret over the raw body, before anything parses it
   * (`rawBytes` are the exact bytes received, which an HMAC must be computed over).
   */
  verify?: (req: NextRequest, rawBody: string, rawBytes: Uint8Array) => boolean | Promise<boolean>;
  /**
   * Two-factor gate (`user`/`optional` callers whose session is aal1). By default a user with a
   * verified factor gets MFA_REQUIRED, and one whose role the organization requires two factors of
   * but who has none gets MFA_ENROLLMENT_REQUIRED. `challenge`: reachable by both (answering the
   * challenge, a recovery code, /api/me); `enroll`: reachable while enrollment is required.
   */
  mfa?: "challenge" | "enroll";
}

type Infer<T> = T extends ZodType ? z.output<T> : undefined;

interface BaseContext<B, Q, P> {
  req: NextRequest;
  requestId: string;
  meta: RequestMeta;
  cookies: RequestCookieJar;
  body: B;
  query: Q;
  params: P;
  /** The body as received (UTF-8): webhook handlers parse it themselves once it is verified. */
  rawBody: string;
  /** The exact bytes received (multipart uploads), within `maxBodyBytes`. */
  rawBytes: Uint8Array;
}

export interface UserContext<B, Q, P, O = OrgContext | undefined> extends BaseContext<B, Q, P> {
  claims: Claims;
  /** Runs `fn` in one transaction as the caller (RLS applies). */
  db: CallerDb;
  /** Always present when the route declares `permission` or `org: true`. */
  org: O;
}

export interface OptionalUserContext<B, Q, P> extends BaseContext<B, Q, P> {
  /** The signed-in caller, or null. */
  claims: Claims | null;
}

type OrgOf<Perm, WithOrg> = Perm extends Permission ? OrgContext : WithOrg extends true ? OrgContext : undefined;
type HandlerContext<K extends AuthKind, B, Q, P, O> = K extends "user"
  ? UserContext<B, Q, P, O>
  : K extends "optional"
    ? OptionalUserContext<B, Q, P>
    : BaseContext<B, Q, P>;
type HandlerResult = Response | object | null;

type NextRouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * What a route declared, kept on the handler it returns: the OpenAPI description is checked
 * against it (tests/integration/openapi-routes.test.ts) and the API fuzz walks it.
 */
export interface RouteConfig {
  auth: AuthKind;
  permission?: Permission;
  org?: boolean;
  body?: ZodType;
  form?: ZodType;
  query?: ZodType;
  params?: ZodType;
}

/** The declaration behind a route handler, or undefined for a handler not made by `route()` (405s, OPTIONS). */
export function routeConfigOf(handler: unknown): RouteConfig | undefined {
  return typeof handler === "function" ? (handler as { routeConfig?: RouteConfig }).routeConfig : undefined;
}

export function route<
  K extends AuthKind,
  B extends ZodType | undefined = undefined,
  Q extends ZodType | undefined = undefined,
  P extends ZodType | undefined = undefined,
  Perm extends Permission | undefined = undefined,
  WithOrg extends boolean | undefined = undefined,
>(
  options: RouteOptions<B, Q, P> & { auth: K; permission?: Perm; org?: WithOrg },
  handler: (ctx: HandlerContext<K, Infer<B>, Infer<Q>, Infer<P>, OrgOf<Perm, WithOrg>>) => Promise<HandlerResult> | HandlerResult,
) {
  const routeConfig: RouteConfig = {
    auth: options.auth,
    permission: options.permission,
    org: options.org,
    body: options.body,
    form: options.form,
    query: options.query,
    params: options.params,
  };
  return Object.assign(routeHandler, { routeConfig }) as typeof routeHandler;

  async function routeHandler(req: NextRequest, routeContext?: NextRouteContext): Promise<Response> {
    inFlightRequests.start();
    try {
      return await answer(req, routeContext);
    } finally {
      inFlightRequests.end();
    }
  }

  async function answer(req: NextRequest, routeContext?: NextRouteContext): Promise<Response> {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers);
    const meta: RequestMeta = { requestId, ip: clientIp(req.headers), userAgent: req.headers.get("user-agent")?.slice(0, 512) ?? null };
    const cookies = RequestCookieJar.from(req);
    let userId: string | undefined;
    let orgId: string | undefined;
    let response: Response;
    try {
      if (options.auth !== "webhook" && options.auth !== "job" && isCrossSiteMutation(req)) {
        throw forbidden("Cross-site request refused");
      }
      const rawParams = routeContext ? await routeContext.params : {};
      const params = options.params ? options.params.safeParse(rawParams) : undefined;
      if (params && !params.success) throw new AppError("NOT_FOUND", "Not found");
      const query = options.query ? parseOrThrow(options.query, Object.fromEntries(req.nextUrl.searchParams)) : undefined;
      const limit = typeof options.maxBodyBytes === "function" ? options.maxBodyBytes() : (options.maxBodyBytes ?? config().MAX_BODY_BYTES);
      const rawBytes = await readBody(req, limit);
      const rawBody = Buffer.from(rawBytes.buffer, rawBytes.byteOffset, rawBytes.byteLength).toString("utf8");
      if ((options.auth === "webhook" || options.auth === "job") && !(await options.verify?.(req, rawBody, rawBytes))) {
        throw unauthorized("Missing or invalid signature");
      }
      const body = options.body ? parseOrThrow(options.body, parseJson(req, rawBody)) : undefined;
      const base = { req, requestId, meta, cookies, body, query, params: params?.data, rawBody, rawBytes } as BaseContext<Infer<B>, Infer<Q>, Infer<P>>;

      let result: HandlerResult;
      if (options.auth === "optional") {
        const read = await readCallerClaims(req, cookies);
        // A session no longer live is a signed-out caller here, as getClaims would have said.
        const gate = { checkSession: read?.checkSession ?? false, mfa: options.mfa === "challenge" ? "off" : "on" } as const;
        const claims = read && (await passCallerGate(read.claims, gate, meta)) ? read.claims : null;
        userId = claims?.sub;
        result = await handler({ ...base, claims } as HandlerContext<K, Infer<B>, Infer<Q>, Infer<P>, OrgOf<Perm, WithOrg>>);
      } else if (options.auth === "operator") {
        await assertOperator(req, cookies);
        result = await handler(base as HandlerContext<K, Infer<B>, Infer<Q>, Infer<P>, OrgOf<Perm, WithOrg>>);
      } else if (options.auth === "user") {
        const read = await readCallerClaims(req, cookies);
        if (!read) throw unauthorized();
        const { claims } = read;
        const passed = await passCallerGate(
          claims,
          {
            checkSession: read.checkSession,
            org: options.org || options.permission ? { hint: orgHint(req) } : undefined,
            mfa: options.mfa === "challenge" ? "off" : options.mfa === "enroll" ? "enroll" : "on",
          },
          meta,
        );
        if (!passed) throw unauthorized();
        userId = claims.sub;
        const { org } = passed;
        orgId = org?.id;
        if (options.permission && org && !org.permissions.includes(options.permission)) throw forbidden();
        const db: CallerDb = (fn) => asUser(claims, fn, meta);
        result = await handler({ ...base, claims, db, org } as HandlerContext<K, Infer<B>, Infer<Q>, Infer<P>, OrgOf<Perm, WithOrg>>);
      } else {
        result = await handler(base as HandlerContext<K, Infer<B>, Infer<Q>, Infer<P>, OrgOf<Perm, WithOrg>>);
      }
      response = result instanceof Response ? result : result === null ? new NextResponse(null, { status: 204 }) : NextResponse.json(result);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.status >= 500) logger.error({ err: error, requestId, path: req.nextUrl.pathname }, "request failed");
      // Webhook senders (Xero) expect a bare 401 for a bad signature; a body would only inform a prober.
      response = options.auth === "webhook" && appError.code === "UNAUTHORIZED"
        ? new NextResponse(null, { status: 401 })
        : errorResponse(appError, requestId);
    }
    const final = response instanceof NextResponse ? response : new NextResponse(response.body, response);
    cookies.applyTo(final);
    final.headers.set("X-Request-ID", requestId);
    final.headers.set("Cache-Control", final.headers.get("Cache-Control") ?? "no-store");
    logger.info(
      { requestId, method: req.method, path: req.nextUrl.pathname, status: final.status, ms: Math.round(performance.now() - started), userId, orgId },
      "request",
    );
    return final;
  }
}

export function errorResponse(error: AppError, requestId: string): NextResponse {
  const body: ErrorBody = { error: error.message, code: error.code, timestamp: new Date().toISOString(), requestId };
  if (error.details !== undefined) body.details = error.details;
  return NextResponse.json(body, { status: error.status, headers: { ...error.headers, "X-Request-ID": requestId } });
}

const bearerToken = (req: NextRequest) => req.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;

/** The signed-in caller from the session cookies or an `Authorization: Bearer` token, or null. */
async function callerClaims(req: NextRequest, cookies: RequestCookieJar): Promise<Claims | null> {
  return (await getAuthProvider()).getClaims(cookies, bearerToken(req));
}

/** The same, its session not yet confirmed live where passCallerGate is to do it (`checkSession`). */
async function readCallerClaims(req: NextRequest, cookies: RequestCookieJar) {
  return (await getAuthProvider()).readClaims(cookies, bearerToken(req));
}

/** An operator of the deployment: the operator token, or a signed-in user on the operator list. */
async function assertOperator(req: NextRequest, cookies: RequestCookieJar): Promise<void> {
  const env = config();
  const token = req.headers.get("x-operator-token");
  if (token !== null) {
    if (env.OPERATOR_TOKEN && sameSecret(token, env.OPERATOR_TOKEN)) return;
    throw unauthorized("Invalid operator token");
  }
  const claims = await callerClaims(req, cookies);
  if (!claims) throw unauthorized();
  if (!env.OPERATOR_EMAILS.includes(claims.email.trim().toLowerCase())) throw forbidden("Only operators of this deployment may see this");
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * The organization a request names: the X-Org-Id header, or on a GET the `org` query parameter,
 * since a top-level navigation (a link to Xero's consent page) cannot send headers. Either way it
 * is only a hint: resolveOrg checks the caller's membership.
 */
function orgHint(req: NextRequest): string | null {
  return req.headers.get("x-org-id") ?? (req.method === "GET" ? req.nextUrl.searchParams.get("org") : null);
}

function parseOrThrow<T extends ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

async function readBody(req: NextRequest, limit: number): Promise<Uint8Array> {
  if (req.method === "GET" || req.method === "HEAD" || !req.body) return new Uint8Array(0);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${limit} bytes`);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function parseJson(req: NextRequest, raw: string): unknown {
  if (raw.trim() === "") return {};
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json");
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON");
  }
}
