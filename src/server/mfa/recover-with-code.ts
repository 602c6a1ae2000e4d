import type { CookieJar } from "@/server/auth/auth-provider";
import { getAuthProvider } from "@/server/auth/get-auth-provider";
import type { Claims, RequestMeta } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import type { MfaVerifiedView } from "@/lib/mfa-views";
import { recordMfaAttempt } from "./mfa-throttle";
import { consumeRecoveryCode } from "./recovery-code-store";
import { assertNotMfaLocked } from "./assert-not-mfa-locked";
import { recordMfaFailure } from "./record-mfa-failure";
import { recordMfaEvent } from "./record-mfa-event";

/**
 * Signs in with a recovery code instead of the app: the code is spent, the session counts as
 * two-factor (amr `recovery`), and the answer says how many codes remain. Wrong codes count toward
 * the same lockout as wrong TOTP codes.
 */
export async function recoverWithCode(jar: CookieJar, claims: Claims, code: string, meta: RequestMeta): Promise<MfaVerifiedView> {
  await assertNotMfaLocked(claims.sub);
  const remaining = await consumeRecoveryCode(claims.sub, code);
  if (remaining === null) {
    await recordMfaFailure(claims, meta, { reason: "recovery_code" });
    throw new AppError("VALIDATION_FAILED", "Some fields are invalid", { code: ["That recovery code is not right or was already used"] });
  }
  const aal = await (await getAuthProvider()).mfa.elevateWithRecoveryCode(jar, claims, meta);
  await recordMfaAttempt(claims.sub, true);
  await recordMfaEvent({ action: "mfa.recovery_code_used", userId: claims.sub, metadata: { remaining }, meta });
  return { aal, recoveryCodesRemaining: remaining };
}
