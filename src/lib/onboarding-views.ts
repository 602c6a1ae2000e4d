/** What the onboarding routes answer (setup, sign-up, email verification). */

export interface SetupStatusView {
  /** True while no user exists: the first organization and admin are still to be created. */
  needed: boolean;
}

export interface SetupCompletedView {
  organization: { id: string; slug: string; name: string };
  user: { id: string; email: string };
}

/** The 202 of a sign-up: the same words whether or not the address already has an account. */
export interface SignupAcceptedView {
  message: string;
}

export interface EmailVerifiedView {
  email: string;
  organization: { slug: string; name: string };
}
