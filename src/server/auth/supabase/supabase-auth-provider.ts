import { createServerClient, type CookieOptions as SsrCookieOptions } from "@supabase/ssr";
import {
  createClient,
  isAuthApiError,
  isAuthError,
  isAuthRetryableFetchError,
  type SupabaseClient,
} from "@supabase/supabase-js";
import { config } from "@/server/config";
import type { Claims } from "@/server/db";
import { AppError, rateLimited } from "@/server/http/app-error";
import { logger } from "@/server/http/logger";
import type { AuthProvider, AuthUser, CookieJar, CookieOptions, CookieToSet, SignInResult } from "../auth-provider";
import { serverRealtimeOptions, serviceRoleClient } from "./service-role-client";
import { createSupabaseMfa } from "./supabase-mfa";
import { appUrl } from "@/server/app-url";

/**
 * The supabase adapter: Supabase Auth (GoTrue) holds users and sessions; @supabase/ssr keeps the
 * session in the `sb-<ref>-auth-token` cookies. A client is created per call over the caller's
 * CookieJar, never shared, so one request's session can never leak into another's.
 */

/** Project URL, publishable key and the cookie options shared with the proxy's session refresh. */
export function supabaseClientSettings() {
  const env = config();
  const url = env.NEXT_PUBLIC_SUPABASE_URL;
  const publishableKey = env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY;
  if (!url || !publishableKey) {
    throw new Error("NEXT_PUBLIC_SUPABASE_URL and NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY are required when AUTH_PROVIDER=supabase");
  }
  // @supabase/ssr's defaults (path /, SameSite=Lax, 400 days, readable by the browser client).
  // HttpOnly: no browser-side Supabase client reads the session; route handlers do everything.
  // Secure: the request's cookie jar (or the proxy) raises it when the request is https.
  const cookieOptions: SsrCookieOptions = { secure: false, httpOnly: true };
  return { url, publishableKey, cookieOptions };
}

export function toCookieToSet(cookie: { name: string; value: string; options: SsrCookieOptions }): CookieToSet {
  const { httpOnly, secure, sameSite, path, maxAge, expires, domain } = cookie.options;
  const options: CookieOptions = {};
  if (httpOnly !== undefined) options.httpOnly = httpOnly;
  if (secure !== undefined) options.secure = secure;
  if (sameSite !== undefined) options.sameSite = sameSite;
  if (path !== undefined) options.path = path;
  if (maxAge !== undefined) options.maxAge = maxAge;
  if (expires !== undefined) options.expires = expires;
  if (domain !== undefined) options.domain = domain;
  return { name: cookie.name, value: cookie.value, options };
}

/** A server client bound to this request's cookies (PKCE flow, no auto-refresh timer). */
function serverClient(jar: CookieJar): SupabaseClient {
  const { url, publishableKey, cookieOptions } = supabaseClientSettings();
  return createServerClient(url, publishableKey, {
    realtime: serverRealtimeOptions,
    cookieOptions,
    cookies: {
      getAll: () => jar.getAll(),
      // The headers are the no-cache set: a response that sets session cookies must not be cached.
      setAll: (cookies, headers) => jar.setAll(cookies.map(toCookieToSet), headers),
    },
  });
}

/** A client that keeps nothing: for calls that must not touch the request's session. */
function statelessClient(): SupabaseClient {
  const { url, publishableKey } = supabaseClientSettings();
  return createClient(url, publishableKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, flowType: "implicit" },
    realtime: serverRealtimeOptions,
  });
}

/**
 * GoTrue unreachable, failing (5xx) or answering garbage is an outage (UPSTREAM_ERROR) and a 429 is
 * a rate limit (RATE_LIMITED): neither is a verdict on the credentials. Every other auth error is a
 * plain "no", which each method turns into null, false or { ok: false }.
 */
const isOutage = (error: unknown) =>
  isAuthRetryableFetchError(error) || (isAuthError(error) && error.name === "AuthUnknownError");
const unavailable = () => new AppError("UPSTREAM_ERROR", "The sign-in service is unavailable");

function throwIfNotAVerdict(error: unknown): void {
  if (isOutage(error)) throw unavailable();
  if (isAuthApiError(error) && error.status === 429) throw rateLimited(60);
}

/** Runs a supabase-js call; network failures that escape as exceptions become UPSTREAM_ERROR too. */
async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throwIfNotAVerdict(error);
    throw error;
  }
}

/** GoTrue's access-token claims as our Claims; null unless it is a signed-in user's token. */
function toClaims(payload: unknown): Claims | null {
  if (!payload || typeof payload !== "object") return null;
  const p = payload as Record<string, unknown>;
  const aud = Array.isArray(p.aud) ? p.aud.find((a) => typeof a === "string") : p.aud;
  if (typeof p.sub !== "string" || p.role !== "authenticated" || typeof p.session_id !== "string" || typeof aud !== "string") {
    return null;
  }
  return { ...p, sub: p.sub, role: "authenticated", email: typeof p.email === "string" ? p.email : "", session_id: p.session_id, aud };
}

/**
 * Claims of an access token GoTrue has just issued to us (sign-in, refresh). Reading them without
 * verification is sound only because the token comes straight from GoTrue's response; tokens
 * presented by clients always go through getClaims().
 */
function claimsOfIssuedToken(accessToken: string): Claims | null {
  const payload = accessToken.split(".")[1];
  if (!payload) return null;
  try {
    return toClaims(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return null;
  }
}

const toAuthUser = (user: { id: string; email?: string | undefined }): AuthUser => ({ id: user.id, email: user.email ?? "" });

export function createSupabaseAuthProvider(): AuthProvider {
  return {
    name: "supabase",
    mfa: createSupabaseMfa({ serverClient, call, throwIfNotAVerdict }),

    async getClaims(jar, bearerToken) {
      const supabase = serverClient(jar);
      // With asymmetric signing keys this verifies locally against the JWKS; with a legacy HS256
      // secret it asks GoTrue (GET /user), which also rejects signed-out sessions. Without a
      // bearer token it reads the cookie session and refreshes it first when it is about to expire.
      const { data, error } = await call(() => (bearerToken ? supabase.auth.getClaims(bearerToken) : supabase.auth.getClaims()));
      if (error) {
        throwIfNotAVerdict(error);
        return null;
      }
      return toClaims(data?.claims);
    },

    async readClaims(jar, bearerToken) {
      const claims = await this.getClaims(jar, bearerToken);
      return claims ? { claims, checkSession: false } : null;
    },

    // GoTrue has answered for the session in readClaims: nothing is left to ask.
    async isSessionLive() {
      return true;
    },

    async signInWithPassword(jar, email, password): Promise<SignInResult> {
      const { data, error } = await call(() => serverClient(jar).auth.signInWithPassword({ email, password }));
      if (error || !data.session || !data.user) {
        throwIfNotAVerdict(error);
        return { ok: false };
      }
      const claims = claimsOfIssuedToken(data.session.access_token);
      if (!claims) return { ok: false };
      return { ok: true, user: toAuthUser(data.user), claims };
    },

    async signOut(jar) {
      // Clears the cookies first, then revokes this session at GoTrue (its refresh tokens die at
      // once; with HS256 tokens GET /user rejects the access token too). "Already signed out"
      // answers are not errors; an unreachable GoTrue is.
      const { error } = await call(() => serverClient(jar).auth.signOut({ scope: "local" }));
      if (error) throwIfNotAVerdict(error);
    },

    async refreshSession(jar) {
      const supabase = serverClient(jar);
      const { data, error } = await call(() => supabase.auth.refreshSession());
      if (error || !data.session) {
        throwIfNotAVerdict(error);
        // The refresh token was refused (reused, revoked, unknown). supabase-js keeps the cookies
        // while the access token is still valid; end that session too, as the local adapter does.
        await supabase.auth.signOut({ scope: "local" }).catch(() => undefined);
        return null;
      }
      return claimsOfIssuedToken(data.session.access_token);
    },

    async requestPasswordReset(email) {
      // Implicit flow: the link carries a token_hash that resetPasswordWithToken verifies, in
      // whichever browser the email is opened (no PKCE verifier cookie to match).
      const { error } = await call(() =>
        statelessClient().auth.resetPasswordForEmail(email, { redirectTo: appUrl("/reset-password") }),
      );
      if (error) {
        if (isOutage(error)) throw unavailable();
        // Silent otherwise (unknown address, per-address rate limit): the caller must not learn
        // whether the address has an account.
        logger.warn({ code: error.code, status: error.status }, "supabase: password reset email not sent");
      }
    },

    async resetPasswordWithToken(jar, token, newPassword) {
      const supabase = serverClient(jar);
      const { data, error } = await call(() => supabase.auth.verifyOtp({ type: "recovery", token_hash: token }));
      if (error || !data.session || !data.user) {
        throwIfNotAVerdict(error);
        return null;
      }
      // Sets the password on the recovery session; GoTrue signs out every other session.
      const { error: updateError } = await call(() => supabase.auth.updateUser({ password: newPassword }));
      if (updateError) {
        await supabase.auth.signOut({ scope: "local" }).catch(() => undefined);
        throwIfNotAVerdict(updateError);
        throw new AppError("VALIDATION_FAILED", "Some fields are invalid", { password: [updateError.message] });
      }
      return toAuthUser(data.user);
    },

    async changePassword(jar, claims, currentPassword, newPassword) {
      // Proves the current password with a password grant on a client that keeps nothing, so the
      // request's own cookies are untouched.
      const probe = statelessClient();
      const { data, error } = await call(() => probe.auth.signInWithPassword({ email: claims.email, password: currentPassword }));
      if (error || !data.user) {
        throwIfNotAVerdict(error);
        return false;
      }
      if (data.user.id !== claims.sub) {
        await probe.auth.signOut({ scope: "local" }).catch(() => undefined);
        return false;
      }
      // Through the admin API, GoTrue signs the user out of every session, the probe's and the
      // caller's included (models.User.UpdatePassword with no session).
      const { error: updateError } = await call(() => serviceRoleClient().auth.admin.updateUserById(claims.sub, { password: newPassword }));
      if (updateError) {
        await probe.auth.signOut({ scope: "local" }).catch(() => undefined);
        throwIfNotAVerdict(updateError);
        throw new AppError("VALIDATION_FAILED", "Some fields are invalid", { password: [updateError.message] });
      }
      // The admin update ended every session, this one included: sign it in again, as the local
      // adapter keeps the caller's session.
      await call(() => serverClient(jar).auth.signInWithPassword({ email: claims.email, password: newPassword }));
      return true;
    },

    async exchangeCodeForSession(jar, code) {
      // The PKCE code verifier is read from the cookie the browser client wrote when the flow began.
      // A tampered verifier cookie that holds no string makes supabase-js 2.109 throw a TypeError
      // instead of answering an error: that is a failed exchange, not an outage.
      const { data, error } = await call(() => serverClient(jar).auth.exchangeCodeForSession(code)).catch((e: unknown) => {
        if (e instanceof TypeError) return { data: { session: null, user: null }, error: null };
        throw e;
      });
      if (error || !data.session || !data.user) {
        throwIfNotAVerdict(error);
        return null;
      }
      return toAuthUser(data.user);
    },

    async createUser(email, password, fullName) {
      const secret = typeof password === "string" ? { password } : { password_hash: password.bcryptHash };
      const { data, error } = await call(() =>
        serviceRoleClient().auth.admin.createUser({ email, ...secret, email_confirm: true, user_metadata: { full_name: fullName } }),
      );
      if (error || !data.user) {
        // GoTrue answers 422 email_exists (older versions: a 422 "already registered" message).
        if (error && (error.code === "email_exists" || /already (been )?registered/i.test(error.message))) return null;
        throwIfNotAVerdict(error);
        throw new AppError("VALIDATION_FAILED", "Some fields are invalid", { password: [error?.message ?? "Could not create the account"] });
      }
      return toAuthUser(data.user);
    },

    async deleteUser(userId) {
      // GoTrue deletes the user's sessions and identities; auth.users' foreign keys remove the profile
      // and memberships in our schema.
      const { error } = await call(() => serviceRoleClient().auth.admin.deleteUser(userId));
      if (error && !(isAuthApiError(error) && error.status === 404)) {
        throwIfNotAVerdict(error);
        throw new AppError("CONFLICT", "The account could not be deleted", { reason: error.message });
      }
    },
  };
}
