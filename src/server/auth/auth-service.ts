import "server-only";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { recordSystemAuditEvent } from "@/server/audit/record-system-audit-event";
import { recordSignInEvent } from "@/server/audit/record-sign-in-event";
import { asUser, type Claims, type RequestMeta } from "@/server/db";
import { AppError, rateLimited, unauthorized } from "@/server/http/app-error";
import { logger } from "@/server/http/logger";
import { pendingSignupMatches } from "@/server/onboarding/pending-signup-matches";
import { listMyOrganizations, type MyOrganization } from "@/server/orgs/list-my-organizations";
import { assuranceLevel } from "@/server/mfa/assurance-level";
import type { AssuranceLevel } from "@/lib/mfa-views";
import type { AuthUser, CookieJar } from "./auth-provider";
import { getAuthProvider } from "./get-auth-provider";
import { checkLoginThrottle, recordLoginAttempt } from "./login-throttle";
import { admitPasswordReset } from "./password-reset-throttle";

/**
 * Sign-in, sign-out and passwords, whichever adapter holds the users: throttling, the one vague
 * failure message and the audit trail live here, the credential check in the adapter.
 */
export async function login(
  jar: CookieJar,
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<{ user: AuthUser; organizations: MyOrganization[]; aal: AssuranceLevel; nextLevel: AssuranceLevel }> {
  const email = input.email.trim().toLowerCase();
  const verdict = await checkLoginThrottle(email, meta.ip);
  if (!verdict.allowed) throw rateLimited(verdict.retryAfterSeconds, "Too many sign-in attempts; try again later");

  const result = await (await getAuthProvider()).signInWithPassword(jar, email, input.password, meta);
  if (!result.ok) {
    const lockedNow = await recordLoginAttempt(email, meta.ip, false);
    await recordSignInEvent({ action: "auth.login_failed", email, meta });
    if (lockedNow) await recordSignInEvent({ action: "auth.login_locked", email, meta });
    // Signed up, right password, link not opened yet: say so (only the password's holder learns it).
    if (await pendingSignupMatches(email, input.password)) {
      throw new AppError("EMAIL_NOT_VERIFIED", "Confirm your email address first: open the link we sent to it, then log in");
    }
    // The same answer whether or not the email exists.
    throw unauthorized("Invalid email or password");
  }
  await recordLoginAttempt(email, meta.ip, true);
  await recordSignInEvent({ action: "auth.login_succeeded", email, userId: result.user.id, meta });
  const organizations = await asUser(result.claims, listMyOrganizations, meta);
  // With a verified factor the session is aal1 and nextLevel aal2: the login page asks for the code.
  const level = await assuranceLevel(result.claims);
  return { user: result.user, organizations, aal: level.currentLevel, nextLevel: level.nextLevel };
}

export async function logout(jar: CookieJar, meta: RequestMeta): Promise<void> {
  const provider = await getAuthProvider();
  const claims = await provider.getClaims(jar);
  await provider.signOut(jar, meta);
  if (claims) await recordSystemAuditEvent({ action: "auth.logout", actorType: "user", actorUserId: claims.sub, meta });
}

export async function refresh(jar: CookieJar, meta: RequestMeta): Promise<Claims> {
  const claims = await (await getAuthProvider()).refreshSession(jar, meta);
  if (!claims) throw unauthorized("Your session has ended; sign in again");
  return claims;
}

/**
 * Sends a reset link if the address has an account, within the per-address and per-IP limits. The
 * caller answers the same whatever happened here, so neither an account nor a limit shows.
 */
export async function requestPasswordReset(email: string, meta: RequestMeta): Promise<void> {
  const address = email.trim().toLowerCase();
  if (!(await admitPasswordReset(address, meta.ip))) {
    logger.warn({ requestId: meta.requestId, ip: meta.ip }, "password reset: over the limit, no email sent");
    return;
  }
  await (await getAuthProvider()).requestPasswordReset(address, meta);
  await recordSystemAuditEvent({ action: "auth.password_reset_requested", actorType: "anonymous", metadata: { email: address }, meta });
}

/**
 * POST /api/auth/password-update: with a reset token anyone holding the link may set a password;
 * without one, the signed-in user changes theirs with the current password.
 */
export async function updatePassword(
  jar: CookieJar,
  claims: Claims | null,
  input: { token?: string; currentPassword?: string; password: string },
  meta: RequestMeta,
): Promise<AuthUser> {
  if (input.token !== undefined) return resetPassword(jar, input.token, input.password, meta);
  if (!claims) throw unauthorized();
  await changePassword(jar, claims, input.currentPassword ?? "", input.password, meta);
  return { id: claims.sub, email: claims.email };
}

export async function resetPassword(jar: CookieJar, token: string, password: string, meta: RequestMeta): Promise<AuthUser> {
  const user = await (await getAuthProvider()).resetPasswordWithToken(jar, token, password, meta);
  if (!user) throw new AppError("INVALID_TOKEN", "This reset link is invalid or has expired; ask for a new one");
  await recordSystemAuditEvent({ action: "auth.password_changed", actorType: "user", actorUserId: user.id, metadata: { via: "reset" }, meta });
  return user;
}

export async function changePassword(
  jar: CookieJar,
  claims: Claims,
  currentPassword: string,
  newPassword: string,
  meta: RequestMeta,
): Promise<void> {
  const changed = await (await getAuthProvider()).changePassword(jar, claims, currentPassword, newPassword, meta);
  if (!changed) {
    throw new AppError("VALIDATION_FAILED", "Some fields are invalid", { currentPassword: ["The current password is not correct"] });
  }
  await asUser(claims, (tx) => recordAuditEvent(tx, { action: "auth.password_changed", metadata: { via: "profile" } }), meta);
}

export async function exchangeCode(jar: CookieJar, code: string): Promise<AuthUser | null> {
  return (await getAuthProvider()).exchangeCodeForSession(jar, code);
}
