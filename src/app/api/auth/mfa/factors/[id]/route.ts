import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { removeFactor } from "@/server/mfa/remove-factor";
import { mfaFactorParams } from "@/lib/mfa-schemas";

/** An unverified factor (an abandoned enrollment) may go while enrollment is required; a verified one needs aal2. */
export const DELETE = route({ auth: "user", mfa: "enroll", params: mfaFactorParams }, async ({ cookies, claims, params, meta }) => {
  await removeFactor(cookies, claims, params.id, meta);
  return null;
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
