import type { CookieJar } from "@/server/auth/auth-provider";
import { getAuthProvider } from "@/server/auth/get-auth-provider";
import type { Claims, RequestMeta } from "@/server/db";
import { notFound } from "@/server/http/app-error";
import { mfaRequired } from "./check-mfa-facts";
import { deleteRecoveryCodes } from "./recovery-code-store";
import { recordMfaEvent } from "./record-mfa-event";

/**
 * Removes one of the caller's authenticators. A verified one needs an aal2 session (as GoTrue's
 * unenroll): otherwise a stolen password could strip the second factor. With the last verified
 * one gone, the recovery codes go too: they stand in for a factor the user no longer has.
 */
export async function removeFactor(jar: CookieJar, claims: Claims, factorId: string, meta: RequestMeta): Promise<void> {
  const mfa = (await getAuthProvider()).mfa;
  const factors = await mfa.listFactors(jar, claims);
  const factor = factors.find((f) => f.id === factorId);
  if (!factor) throw notFound("Authenticator");
  if (factor.status === "verified" && claims.aal !== "aal2") throw mfaRequired();
  if (!(await mfa.unenroll(jar, claims, factorId))) throw notFound("Authenticator");
  if (!factors.some((f) => f.id !== factorId && f.status === "verified")) await deleteRecoveryCodes(claims.sub);
  if (factor.status === "verified") {
    await recordMfaEvent({
      action: "mfa.factor_removed",
      userId: claims.sub,
      targetType: "mfa_factor",
      targetId: factorId,
      metadata: { friendlyName: factor.friendlyName },
      meta,
    });
  }
}
