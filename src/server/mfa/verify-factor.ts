import type { CookieJar } from "@/server/auth/auth-provider";
import { getAuthProvider } from "@/server/auth/get-auth-provider";
import type { Claims, RequestMeta } from "@/server/db";
import { AppError, rateLimited } from "@/server/http/app-error";
import type { MfaVerifiedView } from "@/lib/mfa-views";
import { mfaLockedForSeconds, recordMfaAttempt } from "./mfa-throttle";
import { recordMfaEvent } from "./record-mfa-event";

const lockedOut = (seconds: number) => rateLimited(seconds, "Too many wrong codes; try again later");

/** A wrong code (or recovery code): counted, audited, and the lockout once it is the fifth. */
export async function recordMfaFailure(claims: Claims, meta: RequestMeta, metadata: Record<string, unknown>): Promise<void> {
  const lockedNow = await recordMfaAttempt(claims.sub, false);
  await recordMfaEvent({ action: "mfa.verify_failed", userId: claims.sub, metadata, meta });
  if (lockedNow) {
    await recordMfaEvent({ action: "mfa.locked", userId: claims.sub, meta });
    throw lockedOut(await mfaLockedForSeconds(claims.sub));
  }
}

export async function assertNotMfaLocked(userId: string): Promise<void> {
  const wait = await mfaLockedForSeconds(userId);
  if (wait > 0) throw lockedOut(wait);
}

/**
 * Answers the challenge (sign-in) or confirms a new authenticator (enrollment) with a code from the
 * app; the session becomes aal2 and gets new cookies.
 */
export async function verifyFactor(jar: CookieJar, claims: Claims, factorId: string, code: string, meta: RequestMeta): Promise<MfaVerifiedView> {
  await assertNotMfaLocked(claims.sub);
  const result = await (await getAuthProvider()).mfa.verify(jar, claims, factorId, code.replace(/\s/g, ""), meta);
  if (!result.ok) {
    await recordMfaFailure(claims, meta, { factorId, reason: result.reason });
    const message = result.reason === "replayed" ? "That code was already used: wait for the next one" : "That code is not right: check the app and try again";
    throw new AppError("VALIDATION_FAILED", "Some fields are invalid", { code: [message] });
  }
  await recordMfaAttempt(claims.sub, true);
  if (result.firstVerification) {
    await recordMfaEvent({
      action: "mfa.enrolled",
      userId: claims.sub,
      targetType: "mfa_factor",
      targetId: factorId,
      metadata: { friendlyName: result.friendlyName },
      meta,
    });
  }
  return { aal: "aal2" };
}
