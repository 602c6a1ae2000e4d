import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { enrollFactor } from "@/server/mfa/enroll-factor";
import { enrollMfaBody } from "@/lib/mfa-schemas";

export const POST = route({ auth: "user", mfa: "enroll", body: enrollMfaBody }, ({ cookies, claims, body }) =>
  enrollFactor(cookies, claims, body.friendlyName),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
