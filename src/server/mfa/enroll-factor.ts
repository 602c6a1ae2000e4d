import { getAuthProvider } from "@/server/auth/get-auth-provider";
import type { CookieJar } from "@/server/auth/auth-provider";
import type { Claims } from "@/server/db";
import type { MfaEnrollmentView } from "@/lib/mfa-views";
import { assuranceLevel } from "./assurance-level";
import { mfaRequired } from "./check-mfa-facts";
import { qrCodeDataUrl } from "./qr-code";

/**
 * Starts adding an authenticator: an unverified factor, its secret (as text and as a QR code) shown
 * this once. A user who already has a verified factor must have proved it in this session first,
 * or a stolen password could add the thief's authenticator.
 */
export async function enrollFactor(jar: CookieJar, claims: Claims, friendlyName: string): Promise<MfaEnrollmentView> {
  const level = await assuranceLevel(claims);
  if (level.nextLevel === "aal2" && level.currentLevel !== "aal2") throw mfaRequired();
  const enrolled = await (await getAuthProvider()).mfa.enroll(jar, claims, friendlyName);
  return { ...enrolled, qrCode: await qrCodeDataUrl(enrolled.uri) };
}
