import type { Claims, RequestMeta } from "@/server/db";
import type { MfaAdapter } from "./mfa-adapter";

export interface CookieOptions {
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "lax" | "strict" | "none" | boolean;
  path?: string;
  maxAge?: number;
  expires?: Date;
  domain?: string;
}

export interface CookieToSet {
  name: string;
  value: string;
  options: CookieOptions;
}

/**
 * The request's cookies, readable and writable — the same shape @supabase/ssr asks for, so both
 * adapters can work through it. `setAll` may also pass headers (no-cache) to put on the response.
 */
export interface CookieJar {
  getAll(): { name: string; value: string }[];
  setAll(cookies: CookieToSet[], headers?: Record<string, string>): void;
}

export interface AuthUser {
  id: string;
  email: string;
}

/** Outcome of a password sign-in; the auth service turns failures into one vague message. */
export type SignInResult = { ok: true; user: AuthUser; claims: Claims } | { ok: false };

/**
 * How XeroPulse authenticates, whichever system holds the users. The local adapter implements
 * GoTrue's behaviour over our own Postgres; the supabase adapter delegates to Supabase Auth.
 * The rest of the app never knows which one runs: both yield the same verified claims.
 */
export interface AuthProvider {
  readonly name: "local" | "supabase";
  /** Verified claims of the signed-in user, or null (signed out, expired, revoked, deleted). */
  getClaims(jar: CookieJar, bearerToken?: string | null): Promise<Claims | null>;
  /**
   * getClaims in two halves, so that the route wrapper can fold the second into the transaction it
   * opens anyway (src/server/http/caller-gate.ts): the claims of a validly signed, unexpired token,
   * and whether its session must still be found live in the database
   * (`app_private.caller_session_live()`, as the caller) before they may be trusted. The supabase
   * adapter has already asked GoTrue here: `checkSession` false.
   */
  readClaims(jar: CookieJar, bearerToken?: string | null): Promise<{ claims: Claims; checkSession: boolean } | null>;
  /** The second half on its own, for a request with nothing else to ask the database first (`checkSession` claims only). */
  isSessionLive(claims: Claims): Promise<boolean>;
  signInWithPassword(jar: CookieJar, email: string, password: string, meta: RequestMeta): Promise<SignInResult>;
  /** Ends the session everywhere its tokens are used: they are rejected from the next request on. */
  signOut(jar: CookieJar, meta: RequestMeta): Promise<void>;
  /** Rotates the refresh token and issues a new access token; null when the session is gone. */
  refreshSession(jar: CookieJar, meta: RequestMeta): Promise<Claims | null>;
  /** Sends a reset link to the address if it belongs to a user; silent otherwise. */
  requestPasswordReset(email: string, meta: RequestMeta): Promise<void>;
  /** Sets a new password with a reset token; signs the user in. Null if the token is invalid or expired. */
  resetPasswordWithToken(jar: CookieJar, token: string, newPassword: string, meta: RequestMeta): Promise<AuthUser | null>;
  /**
   * Changes the password of a signed-in user, ending their other sessions but keeping this one
   * (re-issuing its cookies where the adapter must); false when the current password is wrong.
   */
  changePassword(jar: CookieJar, claims: Claims, currentPassword: string, newPassword: string, meta: RequestMeta): Promise<boolean>;
  /** OAuth / PKCE / email-link callback: exchanges the code for a session. Null when invalid. */
  exchangeCodeForSession(jar: CookieJar, code: string): Promise<AuthUser | null>;
  /**
   * Creates a confirmed user with a password (an invitee accepting signed out; the invitation proves
   * the address), or with a bcrypt hash of one (a sign-up whose address was just confirmed: the
   * password was never kept in clear). Null when the email already has an account.
   */
  createUser(email: string, password: NewPassword, fullName: string): Promise<AuthUser | null>;
  /** Deletes a user and every session of theirs (account deletion); a user already gone is not an error. */
  deleteUser(userId: string): Promise<void>;
  /** Two-factor sign-in (TOTP). */
  readonly mfa: MfaAdapter;
}

/** A password in clear, or its bcrypt hash (`$2a$10$…`, as GoTrue stores it). */
export type NewPassword = string | { bcryptHash: string };
