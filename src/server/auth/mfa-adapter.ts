import type { Claims, RequestMeta } from "@/server/db";
import type { AssuranceLevel, MfaFactorView } from "@/lib/mfa-views";
import type { CookieJar } from "./auth-provider";

/**
 * The TOTP half of an auth adapter. The local adapter keeps GoTrue's tables itself; the supabase
 * adapter calls `supabase.auth.mfa.*`. Lockout, recovery codes, policy and audit live above, in
 * src/server/mfa, the same for both.
 */
export interface MfaAdapter {
  /** A new unverified factor (stale unverified ones are dropped first). CONFLICT for a name already used. */
  enroll(jar: CookieJar, claims: Claims, friendlyName: string): Promise<{ factorId: string; secret: string; uri: string }>;
  /**
   * Checks a code for one of the caller's factors; on success the session becomes aal2 (new
   * cookies) and the user's other aal1 sessions end. `firstVerification` is true for an enrollment.
   */
  verify(jar: CookieJar, claims: Claims, factorId: string, code: string, meta: RequestMeta): Promise<MfaVerifyResult>;
  listFactors(jar: CookieJar, claims: Claims): Promise<MfaFactorView[]>;
  /** False when the factor is not the caller's. */
  unenroll(jar: CookieJar, claims: Claims, factorId: string): Promise<boolean>;
  /**
   * A recovery code was accepted (above): raise the session to aal2 where the adapter can; returns
   * the session's level afterwards (the supabase adapter removes the factors instead: aal1).
   */
  elevateWithRecoveryCode(jar: CookieJar, claims: Claims, meta: RequestMeta): Promise<AssuranceLevel>;
  /** Admin reset: every factor of the user goes, and their sessions end. */
  deleteAllFactors(userId: string): Promise<void>;
}

export type MfaVerifyResult =
  | { ok: true; firstVerification: boolean; friendlyName: string }
  | { ok: false; reason: "invalid" | "replayed" };
