import { Secret, TOTP } from "otpauth";
import { expect } from "vitest";
import { POST as enroll } from "@/app/api/auth/mfa/enroll/route";
import { POST as verify } from "@/app/api/auth/mfa/verify/route";
import type { MfaEnrollmentView } from "@/lib/mfa-views";
import type { TestClient } from "./http-client";

/** The code an authenticator app would show for `secret` at `offsetSteps` 30-second steps from now. */
export function totpCode(secret: string, offsetSteps = 0): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: Date.now() + offsetSteps * 30_000 });
}

/** Enrolls and verifies an authenticator for a signed-in client; the session is aal2 afterwards. */
export async function enrollTotp(client: TestClient, friendlyName = "Phone"): Promise<MfaEnrollmentView & { usedCode: string }> {
  const enrolled = await client.call<MfaEnrollmentView>(enroll, "/api/auth/mfa/enroll", { body: { friendlyName } });
  expect(enrolled.status, JSON.stringify(enrolled.json)).toBe(200);
  const usedCode = totpCode(enrolled.json.secret);
  const verified = await client.call(verify, "/api/auth/mfa/verify", { body: { factorId: enrolled.json.factorId, code: usedCode } });
  expect(verified.status, JSON.stringify(verified.json)).toBe(200);
  return { ...enrolled.json, usedCode };
}
