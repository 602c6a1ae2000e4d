import type { CookieJar } from "@/server/auth/auth-provider";
import { getAuthProvider } from "@/server/auth/get-auth-provider";
import type { Claims } from "@/server/db";
import type { MfaFactorsView } from "@/lib/mfa-views";
import { assuranceLevel } from "./assurance-level";
import { remainingRecoveryCodes } from "./recovery-code-store";

/** The caller's authenticators, the session's level and the one it could reach, and codes left. */
export async function listFactors(jar: CookieJar, claims: Claims): Promise<MfaFactorsView> {
  const [factors, level, recoveryCodesRemaining] = await Promise.all([
    (await getAuthProvider()).mfa.listFactors(jar, claims),
    assuranceLevel(claims),
    remainingRecoveryCodes(claims.sub),
  ]);
  return { factors, ...level, recoveryCodesRemaining };
}
