import { AppError } from "@/server/http/app-error";

export const mfaRequired = () => new AppError("MFA_REQUIRED", "Enter the code from your authenticator app to continue");
export const mfaEnrollmentRequired = () =>
  new AppError("MFA_ENROLLMENT_REQUIRED", "Your organization requires two-factor sign-in for your role: set up an authenticator app to continue");

/** What the gate decides on for an aal1 session; read with the rest of the caller gate (src/server/http/caller-gate.ts). */
export interface MfaFacts {
  /** The user has a verified factor. */
  hasFactor: boolean;
  /** The organization (`orgId`) requires two factors of the user's role there. */
  required: boolean;
}

/**
 * The two-factor gate every signed-in request passes (route wrapper, pages): a password-only
 * (aal1) session of a user with a verified factor may do nothing but answer the challenge; a user
 * whose role the organization (`orgId`) requires two factors of, and who has none yet, may do
 * nothing in it but enroll. Routes outside any organization (profile, creating an organization)
 * only ask for a pending challenge. An aal2 session is not asked.
 */
export function checkMfaFacts(facts: MfaFacts, orgId: string | null, allowEnrollment: boolean): void {
  if (facts.hasFactor) throw mfaRequired();
  if (facts.required && orgId !== null && !allowEnrollment) throw mfaEnrollmentRequired();
}
