import type { Claims, RequestMeta } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import type { RecoveryCodesView } from "@/lib/mfa-views";
import { assuranceLevel } from "./assurance-level";
import { mfaRequired } from "./check-mfa-facts";
import { replaceRecoveryCodes } from "./recovery-code-store";
import { recordMfaEvent } from "./record-mfa-event";

/** Ten new recovery codes (the old ones stop working), shown this once; needs an aal2 session. */
export async function regenerateRecoveryCodes(claims: Claims, meta: RequestMeta): Promise<RecoveryCodesView> {
  const level = await assuranceLevel(claims);
  if (level.nextLevel !== "aal2") throw new AppError("CONFLICT", "Add an authenticator app first: recovery codes stand in for it");
  if (level.currentLevel !== "aal2") throw mfaRequired();
  const codes = await replaceRecoveryCodes(claims.sub);
  await recordMfaEvent({ action: "mfa.recovery_codes_regenerated", userId: claims.sub, meta });
  return { codes };
}
