import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { verifyEmail } from "@/server/onboarding/verify-email";
import { verifyEmailBody } from "@/lib/onboarding-schemas";

/** Opens a sign-up's link: the account and its organization are created; then the user logs in. */
export const POST = route({ auth: "public", body: verifyEmailBody }, ({ body, meta }) => verifyEmail(body.token, meta));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
