/** What the /api/auth/mfa routes answer (timestamps as ISO strings). */

export type AssuranceLevel = "aal1" | "aal2";

export interface MfaFactorView {
  id: string;
  friendlyName: string;
  factorType: "totp";
  status: "verified" | "unverified";
  createdAt: string;
}

/** GET /api/auth/mfa/factors: `nextLevel` is aal2 once the user has a verified factor (Supabase's getAuthenticatorAssuranceLevel). */
export interface MfaFactorsView {
  factors: MfaFactorView[];
  currentLevel: AssuranceLevel;
  nextLevel: AssuranceLevel;
  recoveryCodesRemaining: number;
}

/** POST /api/auth/mfa/enroll: the secret is shown once; `qrCode` is an SVG data URL for `<img src>`. */
export interface MfaEnrollmentView {
  factorId: string;
  secret: string;
  uri: string;
  qrCode: string;
}

/**
 * POST /api/auth/mfa/verify and /recover. After a recovery code the supabase adapter answers aal1:
 * GoTrue cannot raise a session on our word, so the user's factors were removed instead.
 */
export interface MfaVerifiedView {
  aal: AssuranceLevel;
  /** After a recovery code: how many unused codes remain. */
  recoveryCodesRemaining?: number;
}

/** POST /api/auth/mfa/recovery-codes: shown once, never readable again. */
export interface RecoveryCodesView {
  codes: string[];
}

/** GET/PUT /api/organization/mfa-policy. */
export interface MfaPolicyView {
  requiredRoles: string[];
}
