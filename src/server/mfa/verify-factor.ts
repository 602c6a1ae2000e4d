import type { CookieJar } from "@/server/auth/auth-provider";
import { getAuthProvider } from "@/server/auth/get-auth-provider";
import type { Claims, RequestMeta } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import type { MfaVerifiedView } from "@/lib/mfa-views";
import { assertNotMfaLocked } from "./assert-not-mfa-locked";
import { recordMfaAttempt } from "./mfa-throttle";
import { recordMfaFailure } from "./record-mfa-failure";
import { recordMfaEvent } from "./record-mfa-event";

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
