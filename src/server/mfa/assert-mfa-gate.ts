import { asUser, sql, type Claims } from "@/server/db";
import { AppError } from "@/server/http/app-error";

export const mfaRequired = () => new AppError("MFA_REQUIRED", "Enter the code from your authenticator app to continue");
export const mfaEnrollmentRequired = () =>
  new AppError("MFA_ENROLLMENT_REQUIRED", "Your organization requires two-factor sign-in for your role: set up an authenticator app to continue");

/**
 * The gate every signed-in request passes (route wrapper, pages): a password-only (aal1) session of
 * a user with a verified factor may do nothing but answer the challenge; a user whose role the
 * organization (`orgId`) requires two factors of, and who has none yet, may do nothing in it but
 * enroll. Routes outside any organization (profile, creating an organization) only ask for a
 * pending challenge. An aal2 session passes without a query.
 */
export async function assertMfaGate(claims: Claims, orgId: string | null, allowEnrollment: boolean): Promise<void> {
  if (claims.aal === "aal2") return;
  const row = await asUser(claims, (tx) =>
    tx.one<{ has_factor: boolean; required: boolean }>(sql`
      select app_private.user_has_verified_factor((select auth.uid())) as has_factor,
             app_private.caller_mfa_required(${orgId}::uuid) as required`),
  );
  if (row.has_factor) throw mfaRequired();
  if (row.required && orgId !== null && !allowEnrollment) throw mfaEnrollmentRequired();
}
