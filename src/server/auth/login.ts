import "server-only";
import { recordSignInEvent } from "@/server/audit/record-sign-in-event";
import { asUser, type RequestMeta } from "@/server/db";
import { AppError, rateLimited, unauthorized } from "@/server/http/app-error";
import { pendingSignupMatches } from "@/server/onboarding/pending-signup-matches";
import { listMyOrganizations, type MyOrganization } from "@/server/orgs/list-my-organizations";
import { assuranceLevel } from "@/server/mfa/assurance-level";
import type { AssuranceLevel } from "@/lib/mfa-views";
import type { AuthUser, CookieJar } from "./auth-provider";
import { getAuthProvider } from "./get-auth-provider";
import { checkLoginThrottle, recordLoginAttempt } from "./login-throttle";

/**
 * Sign-in, whichever adapter holds the users: throttling, the one vague failure message and the
 * audit trail live here, the credential check in the adapter.
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
