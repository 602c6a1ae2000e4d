import { z } from "zod";
import { ROLES } from "./permissions";
import { text } from "./text-schema";

/** POST /api/auth/mfa/enroll: a name the user tells their authenticators apart by (unique per user). */
export const enrollMfaBody = z.object({
  friendlyName: text().trim().min(1, "Give this authenticator a name").max(60, "Use at most 60 characters"),
});

/** The six digits an authenticator app shows (spaces allowed, as apps display "123 456"). */
export const totpCodeSchema = text()
  .transform((value) => value.replace(/\s/g, ""))
  .pipe(text().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app"));

/** POST /api/auth/mfa/verify. */
export const verifyMfaBody = z.object({ factorId: z.uuid(), code: totpCodeSchema });

/** POST /api/auth/mfa/recover: a recovery code as printed (`xxxx-xxxx-xxxx`; case and dashes do not matter). */
export const recoverMfaBody = z.object({
  code: text().trim().min(12, "Enter one of your recovery codes").max(64, "Enter one of your recovery codes"),
});

/** DELETE /api/auth/mfa/factors/{id}. */
export const mfaFactorParams = z.object({ id: z.uuid() });

/** PUT /api/organization/mfa-policy. */
export const updateMfaPolicyBody = z.object({ requiredRoles: z.array(z.enum(ROLES)).max(ROLES.length) });
