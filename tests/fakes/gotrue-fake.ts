import { createHash, randomBytes, randomInt, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import jwt from "jsonwebtoken";
import { Secret, TOTP } from "otpauth";

/**
 * A faithful in-memory fake of the GoTrue (Supabase Auth) endpoints our supabase adapter calls, so
 * the real @supabase/supabase-js runs against it unmodified. Behaviour follows supabase/auth
 * (internal/api/*.go, internal/tokens/service.go, internal/models/user.go):
 * - errors: `{code: <status>, error_code, msg}`, or `{code: <error_code>, message}` plus the
 *   X-Supabase-Api-Version header when the client asks for API version 2024-01-01 (supabase-js does);
 * - refresh-token rotation with the 10 s reuse interval of hosted projects; a revoked token that is
 *   the parent of the active one returns the active one; other reuse revokes the token family;
 * - signed-out sessions rejected at /user with 403 session_not_found; access tokens are HS256 (as
 *   on legacy projects), so JWKS is empty and getClaims() falls back to GET /user;
 * - a password change logs out every other session (PUT /user) or all of them (admin API);
 * - the API gateway: every request carries a known `apikey`; the secret key acts as service_role.
 * - MFA (internal/api/mfa.go): TOTP factors at /factors (enroll, challenge, verify, unenroll), the
 *   user's `factors` in GET /user, the admin /admin/users/{id}/factors; unverified factors older
 *   than 5 minutes dropped at enroll, unique friendly names, ±1 step, a step used once, verify makes
 *   the session aal2 (amr totp) and ends the user's other aal1 sessions, unenrolling a verified
 *   factor needs aal2.
 */
export interface FakeUser {
  id: string;
  email: string;
  password: string;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  email_confirmed_at: string | null;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
  recovery: { tokenHash: string; sentAt: number } | null;
  /** Set instead of `password` when the admin API created the user with `password_hash` (bcrypt). */
  passwordHash?: string;
}
export interface FakeSession { id: string; userId: string; amr: { method: string; timestamp: number }[]; refreshedAt: number; aal?: "aal1" | "aal2" }
export interface FakeFactor {
  id: string; userId: string; friendly_name: string; factor_type: "totp"; status: "unverified" | "verified";
  secret: string; created_at: string; updated_at: string; createdAtMs: number; lastStep: number | null;
}
export interface FakeRefreshToken { token: string; sessionId: string; parent: string | null; revoked: boolean; updatedAt: number; seq: number }
export interface SentEmail { type: "recovery"; to: string; otp: string; tokenHash: string; redirectTo: string | null }

const REUSE_INTERVAL_SECONDS = 10;
const OTP_EXPIRY_SECONDS = 3600;
const FLOW_STATE_EXPIRY_SECONDS = 300;
const RECOVER_MAX_FREQUENCY_SECONDS = 60;
const MIN_PASSWORD_LENGTH = 6;

class HttpError extends Error {
  constructor(readonly status: number, readonly errorCode: string, message: string) {
    super(message);
  }
}

export interface GoTrueFakeOptions {
  accessTokenTtlSeconds?: number;
  /**
   * The real GoTrue writes auth.users in the project's own Postgres: tests that need the user's row
   * there (memberships reference it) mirror it with these hooks.
   */
  onUserCreated?: (user: FakeUser) => Promise<void>;
  onUserDeleted?: (userId: string) => Promise<void>;
  /** Checks a password against a bcrypt `password_hash` (GoTrue's bcrypt.CompareHashAndPassword). */
  verifyPasswordHash?: (hash: string, password: string) => Promise<boolean>;
  /** GoTrue writes auth.mfa_factors in the project's Postgres too: tests mirror a user's factors with this. */
  onFactorsChanged?: (userId: string, factors: FakeFactor[]) => Promise<void>;
}

export async function startGoTrueFake(options: GoTrueFakeOptions = {}) {
  const jwtSecret = randomBytes(32).toString("hex");
  const publishableKey = `sb_publishable_${randomBytes(12).toString("base64url")}`;
  const secretKey = `sb_secret_${randomBytes(12).toString("base64url")}`;
  const users = new Map<string, FakeUser>();
  const sessions = new Map<string, FakeSession>();
  const refreshTokens = new Map<string, FakeRefreshToken>();
  const factors = new Map<string, FakeFactor>();
  const challenges = new Map<string, { factorId: string; createdAt: number }>();
  const flowStates = new Map<string, { userId: string; challenge: string; method: "s256" | "plain"; amr: string; createdAt: number }>();
  const sentEmails: SentEmail[] = [];
  const requests: string[] = [];
  let clockOffsetMs = 0;
  let seq = 0;
  let url = "";
  const state = { accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600 };

  const now = () => Date.now() + clockOffsetMs;
  const nowSec = () => Math.floor(now() / 1000);
  const iso = (ms = now()) => new Date(ms).toISOString();
  const tokenHashOf = (email: string, otp: string) => createHash("sha224").update(email + otp).digest("hex");
  const findByEmail = (email: string) => [...users.values()].find((u) => u.email === email.trim().toLowerCase());

  function userJson(u: FakeUser) {
    return {
      id: u.id, aud: "authenticated", role: "authenticated", email: u.email,
      email_confirmed_at: u.email_confirmed_at ?? undefined, phone: "", confirmed_at: u.email_confirmed_at ?? undefined,
      recovery_sent_at: u.recovery ? iso(u.recovery.sentAt) : undefined, last_sign_in_at: u.last_sign_in_at ?? undefined,
      app_metadata: u.app_metadata, user_metadata: u.user_metadata,
      identities: [{
        identity_id: u.id, id: u.id, user_id: u.id, provider: "email", email: u.email,
        identity_data: { email: u.email, email_verified: Boolean(u.email_confirmed_at), phone_verified: false, sub: u.id },
        created_at: u.created_at, updated_at: u.updated_at, last_sign_in_at: u.last_sign_in_at,
      }],
      created_at: u.created_at, updated_at: u.updated_at, is_anonymous: false,
      factors: factorsOf(u.id).map(factorJson),
    };
  }

  const factorsOf = (userId: string) => [...factors.values()].filter((f) => f.userId === userId);
  const factorJson = (f: FakeFactor) => ({
    id: f.id, friendly_name: f.friendly_name, factor_type: f.factor_type, status: f.status, created_at: f.created_at, updated_at: f.updated_at,
  });
  const totpOf = (f: FakeFactor, label = "") => new TOTP({ issuer: "Fake", label, algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(f.secret) });

  function newRefreshToken(sessionId: string, parent: string | null): FakeRefreshToken {
    const rt = { token: randomBytes(9).toString("base64url"), sessionId, parent, revoked: false, updatedAt: now(), seq: ++seq };
    refreshTokens.set(rt.token, rt);
    return rt;
  }

  function deleteSessions(match: (s: FakeSession) => boolean) {
    for (const s of [...sessions.values()].filter(match)) {
      sessions.delete(s.id);
      for (const rt of [...refreshTokens.values()]) if (rt.sessionId === s.id) refreshTokens.delete(rt.token);
    }
  }

  function tokenResponse(user: FakeUser, session: FakeSession, refreshToken: string) {
    const iat = nowSec();
    const exp = iat + state.accessTokenTtlSeconds;
    const claims = {
      iss: `${url}/auth/v1`, sub: user.id, aud: "authenticated", exp, iat, email: user.email, phone: "",
      app_metadata: user.app_metadata, user_metadata: user.user_metadata, role: "authenticated",
      aal: session.aal ?? "aal1", amr: session.amr, session_id: session.id, is_anonymous: false,
    };
    const access_token = jwt.sign(claims, jwtSecret, { algorithm: "HS256", noTimestamp: true, header: { alg: "HS256", typ: "JWT" } });
    return { access_token, token_type: "bearer", expires_in: state.accessTokenTtlSeconds, expires_at: exp, refresh_token: refreshToken, user: userJson(user) };
  }

  function startSession(user: FakeUser, method: string) {
    const session: FakeSession = { id: randomUUID(), userId: user.id, amr: [{ method, timestamp: nowSec() }], refreshedAt: now() };
    sessions.set(session.id, session);
    user.last_sign_in_at = iso();
    return tokenResponse(user, session, newRefreshToken(session.id, null).token);
  }

  function bearer(req: IncomingMessage): string {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    if (!match?.[1]) throw new HttpError(401, "no_authorization", "This endpoint requires a valid Bearer token");
    return match[1];
  }

  /** requireAuthentication + maybeLoadUserOrSession. */
  function authenticate(req: IncomingMessage) {
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(bearer(req), jwtSecret, { algorithms: ["HS256"], clockTimestamp: nowSec() }) as jwt.JwtPayload;
    } catch (e) {
      throw new HttpError(403, "bad_jwt", `invalid JWT: unable to parse or verify signature, ${(e as Error).message}`);
    }
    const user = users.get(String(claims.sub));
    if (!user) throw new HttpError(403, "user_not_found", "User from sub claim in JWT does not exist");
    const session = sessions.get(String(claims.session_id));
    if (!session) throw new HttpError(403, "session_not_found", "Session from session_id claim in JWT does not exist");
    return { user, session };
  }

  function requireAdmin(req: IncomingMessage) {
    const token = bearer(req);
    if (token === secretKey) return;
    try {
      // A legacy service_role JWT signed with the project secret is also accepted.
      if ((jwt.verify(token, jwtSecret, { algorithms: ["HS256"] }) as jwt.JwtPayload).role === "service_role") return;
    } catch {
      // not a valid JWT: not an admin
    }
    throw new HttpError(403, "not_admin", "User not allowed");
  }

  function validatePassword(password: unknown): string {
    if (typeof password !== "string" || password.length < MIN_PASSWORD_LENGTH) {
      throw new HttpError(422, "weak_password", `Password should be at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    return password;
  }

  function setPassword(user: FakeUser, password: string, keepSessionId: string | null) {
    user.password = password;
    user.recovery = null;
    user.updated_at = iso();
    deleteSessions((s) => s.userId === user.id && s.id !== keepSessionId);
  }

  function refreshGrant(presented: unknown) {
    if (typeof presented !== "string" || !presented) throw new HttpError(400, "validation_failed", "refresh_token required");
    const rt = refreshTokens.get(presented);
    if (!rt) throw new HttpError(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
    const session = sessions.get(rt.sessionId);
    const user = session && users.get(session.userId);
    if (!session || !user) throw new HttpError(400, "session_not_found", "Invalid Refresh Token: No Valid Session Found");
    let issued: string | undefined;
    if (rt.revoked) {
      const active = [...refreshTokens.values()].filter((t) => t.sessionId === session.id && !t.revoked).sort((a, b) => b.seq - a.seq)[0];
      if (active && active.parent === rt.token) issued = active.token;
      else if (now() > rt.updatedAt + REUSE_INTERVAL_SECONDS * 1000) {
        for (const t of refreshTokens.values()) if (t.sessionId === session.id && !t.revoked) Object.assign(t, { revoked: true, updatedAt: now() });
        throw new HttpError(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used");
      }
    }
    if (!issued) {
      if (!rt.revoked) Object.assign(rt, { revoked: true, updatedAt: now() });
      issued = newRefreshToken(session.id, rt.token).token;
    }
    session.refreshedAt = now();
    return tokenResponse(user, session, issued);
  }

  function pkceGrant(body: Record<string, unknown>) {
    const { auth_code: code, code_verifier: verifier } = body;
    if (typeof code !== "string" || !code || typeof verifier !== "string" || !verifier) {
      throw new HttpError(400, "validation_failed", "invalid request: both auth code and code verifier should be non-empty");
    }
    const flow = flowStates.get(code);
    if (!flow) throw new HttpError(404, "flow_state_not_found", "invalid flow state, no valid flow state found");
    if (now() > flow.createdAt + FLOW_STATE_EXPIRY_SECONDS * 1000) throw new HttpError(400, "flow_state_expired", "Flow state has expired");
    const computed = flow.method === "s256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
    if (computed !== flow.challenge) throw new HttpError(403, "bad_code_verifier", "code challenge does not match previously saved code verifier");
    flowStates.delete(code);
    return startSession(users.get(flow.userId)!, flow.amr);
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) {
    const method = req.method ?? "GET";
    if (method === "GET" && path === "/.well-known/jwks.json") return send(res, 200, { keys: [] });
    const apikey = req.headers.apikey;
    if (apikey !== publishableKey && apikey !== secretKey) return send(res, 401, { message: "Invalid API key", hint: "Double check your Supabase `anon` or `service_role` API key." });
    const body = method === "GET" ? {} : await readJson(req);

    if (method === "POST" && path === "/token") {
      const grant = query.get("grant_type");
      if (grant === "password") {
        const user = typeof body.email === "string" ? findByEmail(body.email) : undefined;
        const matches = user?.passwordHash
          ? typeof body.password === "string" && Boolean(await options.verifyPasswordHash?.(user.passwordHash, body.password))
          : user?.password === body.password;
        if (!user || !matches) throw new HttpError(400, "invalid_credentials", "Invalid login credentials");
        if (!user.email_confirmed_at) throw new HttpError(400, "email_not_confirmed", "Email not confirmed");
        return send(res, 200, startSession(user, "password"));
      }
      if (grant === "refresh_token") return send(res, 200, refreshGrant(body.refresh_token));
      if (grant === "pkce") return send(res, 200, pkceGrant(body));
      throw new HttpError(400, "validation_failed", "unsupported_grant_type");
    }
    if (path === "/user" && method === "GET") return send(res, 200, userJson(authenticate(req).user));
    if (path === "/user" && method === "PUT") {
      const { user, session } = authenticate(req);
      if (body.password !== undefined) {
        const password = validatePassword(body.password);
        if (password === user.password) throw new HttpError(422, "same_password", "New password should be different from the old password.");
        setPassword(user, password, session.id);
      }
      if (body.data && typeof body.data === "object") Object.assign(user.user_metadata, body.data);
      return send(res, 200, userJson(user));
    }
    if (method === "POST" && path === "/logout") {
      const { user, session } = authenticate(req);
      const scope = query.get("scope") ?? "global";
      if (scope === "local") deleteSessions((s) => s.id === session.id);
      else if (scope === "others") deleteSessions((s) => s.userId === user.id && s.id !== session.id);
      else if (scope === "global" || scope === "") deleteSessions((s) => s.userId === user.id);
      else throw new HttpError(400, "validation_failed", `Unsupported logout scope "${scope}"`);
      res.writeHead(204).end();
      return;
    }
    if (method === "POST" && path === "/recover") {
      if (typeof body.email !== "string" || !body.email.includes("@")) throw new HttpError(400, "validation_failed", "Unable to validate email address: invalid format");
      const user = findByEmail(body.email);
      if (user) {
        const waited = user.recovery ? (now() - user.recovery.sentAt) / 1000 : Infinity;
        if (waited < RECOVER_MAX_FREQUENCY_SECONDS) {
          throw new HttpError(429, "over_email_send_rate_limit", `For security purposes, you can only request this after ${Math.ceil(RECOVER_MAX_FREQUENCY_SECONDS - waited)} seconds.`);
        }
        const otp = String(randomInt(0, 1_000_000)).padStart(6, "0");
        user.recovery = { tokenHash: tokenHashOf(user.email, otp), sentAt: now() };
        sentEmails.push({ type: "recovery", to: user.email, otp, tokenHash: user.recovery.tokenHash, redirectTo: query.get("redirect_to") });
      }
      return send(res, 200, {});
    }
    if (method === "POST" && path === "/verify") {
      if (body.type !== "recovery" && body.type !== "magiclink") throw new HttpError(400, "validation_failed", "Unsupported verification type");
      let user: FakeUser | undefined;
      if (typeof body.token_hash === "string" && body.token_hash) {
        user = [...users.values()].find((u) => u.recovery?.tokenHash === body.token_hash);
      } else if (typeof body.token === "string" && typeof body.email === "string") {
        const candidate = findByEmail(body.email);
        user = candidate?.recovery?.tokenHash === tokenHashOf(candidate?.email ?? "", body.token) ? candidate : undefined;
      } else throw new HttpError(400, "validation_failed", "Verify requires either a token or a token hash");
      if (!user?.recovery || now() > user.recovery.sentAt + OTP_EXPIRY_SECONDS * 1000) {
        throw new HttpError(403, "otp_expired", body.token_hash ? "Email link is invalid or has expired" : "Token has expired or is invalid");
      }
      user.recovery = null;
      user.email_confirmed_at ??= iso();
      return send(res, 200, startSession(user, "otp"));
    }
    // internal/api/admin.go adminUserCreate: the service role creates a user, confirmed on request.
    if (path === "/admin/users" && method === "POST") {
      requireAdmin(req);
      if (typeof body.email !== "string" || !body.email) throw new HttpError(400, "validation_failed", "Unable to validate email address: invalid format");
      if (findByEmail(body.email)) throw new HttpError(422, "email_exists", "A user with this email address has already been registered");
      const passwordHash = typeof body.password_hash === "string" ? body.password_hash : undefined;
      if (passwordHash !== undefined && !/^\$2[aby]\$\d\d\$/.test(passwordHash)) throw new HttpError(400, "validation_failed", "Invalid password hash format");
      const password = body.password === undefined ? "" : validatePassword(body.password);
      const user: FakeUser = {
        id: randomUUID(), email: body.email.toLowerCase(), password, ...(passwordHash ? { passwordHash } : {}),
        app_metadata: { provider: "email", providers: ["email"] },
        user_metadata: body.user_metadata && typeof body.user_metadata === "object" ? { ...(body.user_metadata as Record<string, unknown>) } : {},
        email_confirmed_at: body.email_confirm === true ? iso() : null, created_at: iso(), updated_at: iso(), last_sign_in_at: null, recovery: null,
      };
      users.set(user.id, user);
      await options.onUserCreated?.(user);
      return send(res, 200, userJson(user));
    }
    const mfa = await mfaRoute(req, method, path, body);
    if (mfa !== undefined) return send(res, 200, mfa);
    const adminUser = /^\/admin\/users\/([^/]+)$/.exec(path);
    if (adminUser && method === "GET") {
      requireAdmin(req);
      const user = users.get(decodeURIComponent(adminUser[1]!));
      if (!user) throw new HttpError(404, "user_not_found", "User not found");
      return send(res, 200, userJson(user));
    }
    // internal/api/admin.go adminUserDelete: the user, their sessions and identities go.
    if (adminUser && method === "DELETE") {
      requireAdmin(req);
      const user = users.get(decodeURIComponent(adminUser[1]!));
      if (!user) throw new HttpError(404, "user_not_found", "User not found");
      users.delete(user.id);
      deleteSessions((s) => s.userId === user.id);
      await options.onUserDeleted?.(user.id);
      return send(res, 200, {});
    }
    if (adminUser && method === "PUT") {
      requireAdmin(req);
      const user = users.get(decodeURIComponent(adminUser[1]!));
      if (!user) throw new HttpError(404, "user_not_found", "User not found");
      if (body.password !== undefined) setPassword(user, validatePassword(body.password), null);
      if (typeof body.email === "string") user.email = body.email.toLowerCase();
      if (body.email_confirm === true) user.email_confirmed_at ??= iso();
      if (body.user_metadata && typeof body.user_metadata === "object") Object.assign(user.user_metadata, body.user_metadata);
      if (body.app_metadata && typeof body.app_metadata === "object") Object.assign(user.app_metadata, body.app_metadata);
      user.updated_at = iso();
      return send(res, 200, userJson(user));
    }
    throw new HttpError(404, "not_found", "Not found");
  }

  /** internal/api/mfa.go and the admin factor endpoints; undefined when the path is not theirs. */
  async function mfaRoute(req: IncomingMessage, method: string, path: string, body: Record<string, unknown>): Promise<unknown> {
    const answer = await mfaAnswer(req, method, path, body);
    // A test holds a handful of users: mirroring every one after each MFA call keeps this simple.
    if (answer !== undefined && options.onFactorsChanged) {
      for (const userId of users.keys()) await options.onFactorsChanged(userId, factorsOf(userId));
    }
    return answer;
  }

  async function mfaAnswer(req: IncomingMessage, method: string, path: string, body: Record<string, unknown>): Promise<unknown> {
    const adminFactors = /^\/admin\/users\/([^/]+)\/factors(?:\/([^/]+))?$/.exec(path);
    if (adminFactors) {
      requireAdmin(req);
      const userId = decodeURIComponent(adminFactors[1]!);
      if (method === "GET" && !adminFactors[2]) return factorsOf(userId).map(factorJson);
      const factor = factors.get(decodeURIComponent(adminFactors[2] ?? ""));
      if (method === "DELETE" && factor && factor.userId === userId) {
        factors.delete(factor.id);
        return factorJson(factor);
      }
      throw new HttpError(404, "mfa_factor_not_found", "Factor not found");
    }
    if (method === "POST" && path === "/factors") {
      const { user } = authenticate(req);
      for (const f of factorsOf(user.id)) if (f.status === "unverified" && now() - f.createdAtMs > 5 * 60_000) factors.delete(f.id);
      const name = typeof body.friendly_name === "string" ? body.friendly_name : "";
      if (body.factor_type !== "totp") throw new HttpError(422, "validation_failed", "factor_type needs to be totp");
      if (name && factorsOf(user.id).some((f) => f.friendly_name === name)) {
        throw new HttpError(422, "mfa_factor_name_conflict", `A factor with the friendly name "${name}" for this user already exists`);
      }
      const factor: FakeFactor = {
        id: randomUUID(), userId: user.id, friendly_name: name, factor_type: "totp", status: "unverified",
        secret: new Secret({ size: 20 }).base32, created_at: iso(), updated_at: iso(), createdAtMs: now(), lastStep: null,
      };
      factors.set(factor.id, factor);
      const uri = totpOf(factor, user.email).toString();
      return { id: factor.id, type: "totp", friendly_name: name, totp: { qr_code: "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", secret: factor.secret, uri } };
    }
    const factorPath = /^\/factors\/([^/]+)(\/challenge|\/verify)?$/.exec(path);
    if (!factorPath) return undefined;
    const { user, session } = authenticate(req);
    const factor = factors.get(decodeURIComponent(factorPath[1]!));
    if (!factor || factor.userId !== user.id) throw new HttpError(404, "mfa_factor_not_found", "Factor not found");
    if (method === "POST" && factorPath[2] === "/challenge") {
      const id = randomUUID();
      challenges.set(id, { factorId: factor.id, createdAt: now() });
      return { id, type: "totp", expires_at: nowSec() + 300 };
    }
    if (method === "POST" && factorPath[2] === "/verify") {
      const challenge = challenges.get(String(body.challenge_id));
      if (!challenge || challenge.factorId !== factor.id) throw new HttpError(422, "mfa_challenge_expired", "Challenge not found");
      challenges.delete(String(body.challenge_id));
      const delta = totpOf(factor).validate({ token: String(body.code ?? ""), timestamp: now(), window: 1 });
      const step = delta === null ? null : TOTP.counter({ period: 30, timestamp: now() }) + delta;
      if (step === null || (factor.lastStep !== null && step <= factor.lastStep)) {
        throw new HttpError(422, "mfa_verification_failed", "Invalid TOTP code entered");
      }
      Object.assign(factor, { lastStep: step, status: "verified", updated_at: iso() });
      session.aal = "aal2";
      session.amr = [{ method: "totp", timestamp: nowSec() }, ...session.amr.filter((a) => a.method !== "totp")];
      deleteSessions((s) => s.userId === user.id && s.id !== session.id && (s.aal ?? "aal1") === "aal1");
      for (const t of refreshTokens.values()) if (t.sessionId === session.id) t.revoked = true;
      return tokenResponse(user, session, newRefreshToken(session.id, null).token);
    }
    if (method === "DELETE" && !factorPath[2]) {
      if (factor.status === "verified" && session.aal !== "aal2") throw new HttpError(403, "insufficient_aal", "AAL2 required to unenroll verified factor");
      factors.delete(factor.id);
      return { id: factor.id };
    }
    throw new HttpError(404, "not_found", "Not found");
  }

  const server = createServer((req, res) => {
    const parsed = new URL(req.url ?? "/", "http://fake");
    requests.push(`${req.method} ${parsed.pathname}${parsed.search}`);
    const path = parsed.pathname.startsWith("/auth/v1/") ? parsed.pathname.slice("/auth/v1".length) : null;
    const handled = path ? route(req, res, path, parsed.searchParams) : Promise.reject(new HttpError(404, "not_found", "Not found"));
    handled.catch((e: unknown) => {
      const err = e instanceof HttpError ? e : new HttpError(500, "unexpected_failure", "Unexpected failure, please check server logs for more information");
      const version = req.headers["x-supabase-api-version"];
      if (typeof version === "string" && version >= "2024-01-01") {
        res.setHeader("X-Supabase-Api-Version", "2024-01-01");
        send(res, err.status, { code: err.errorCode, message: err.message });
      } else send(res, err.status, { code: err.status, error_code: err.errorCode, msg: err.message });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url, jwtSecret, publishableKey, secretKey, users, sessions, refreshTokens, factors, sentEmails, requests, state,
    addUser(input: { email: string; password: string; id?: string; confirmed?: boolean; app_metadata?: Record<string, unknown>; user_metadata?: Record<string, unknown> }) {
      const user: FakeUser = {
        id: input.id ?? randomUUID(), email: input.email.toLowerCase(), password: input.password,
        app_metadata: input.app_metadata ?? { provider: "email", providers: ["email"] }, user_metadata: input.user_metadata ?? {},
        email_confirmed_at: input.confirmed === false ? null : iso(), created_at: iso(), updated_at: iso(), last_sign_in_at: null, recovery: null,
      };
      users.set(user.id, user);
      return user;
    },
    /** The last recovery email sent to the address (its token_hash is what the link carries). */
    lastRecoveryEmail: (email: string) => sentEmails.filter((m) => m.to === email.toLowerCase()).at(-1),
    /** What GoTrue does at the end of an OAuth or email-link PKCE flow: a one-time auth code. */
    issueAuthCode(userId: string, codeChallenge: string, method: "s256" | "plain" = "s256", amr = "oauth") {
      const code = randomUUID();
      flowStates.set(code, { userId, challenge: codeChallenge, method, amr, createdAt: now() });
      return code;
    },
    advanceClock(seconds: number) {
      clockOffsetMs += seconds * 1000;
    },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    }),
  };
}

export type GoTrueFake = Awaited<ReturnType<typeof startGoTrueFake>>;

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    throw new HttpError(400, "bad_json", "Could not parse request body as JSON");
  }
}
