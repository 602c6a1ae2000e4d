import type { Claims, RequestMeta } from "@/server/db";
import { mfaLockedForSeconds, recordMfaAttempt } from "./mfa-throttle";
import { mfaLockedOut } from "./mfa-locked-out";
import { recordMfaEvent } from "./record-mfa-event";

/** A wrong code (or recovery code): counted, audited, and the lockout once it is the fifth. */
export async function recordMfaFailure(claims: Claims, meta: RequestMeta, metadata: Record<string, unknown>): Promise<void> {
  const lockedNow = await recordMfaAttempt(claims.sub, false);
  await recordMfaEvent({ action: "mfa.verify_failed", userId: claims.sub, metadata, meta });
  if (lockedNow) {
    await recordMfaEvent({ action: "mfa.locked", userId: claims.sub, meta });
    throw mfaLockedOut(await mfaLockedForSeconds(claims.sub));
  }
}
