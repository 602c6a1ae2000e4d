import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { verifyFactor } from "@/server/mfa/verify-factor";
import { verifyMfaBody } from "@/lib/mfa-schemas";

export const POST = route({ auth: "user", mfa: "challenge", body: verifyMfaBody }, ({ cookies, claims, body, meta }) =>
  verifyFactor(cookies, claims, body.factorId, body.code, meta),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
