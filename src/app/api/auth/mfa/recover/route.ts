import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { recoverWithCode } from "@/server/mfa/recover-with-code";
import { recoverMfaBody } from "@/lib/mfa-schemas";

export const POST = route({ auth: "user", mfa: "challenge", body: recoverMfaBody }, ({ cookies, claims, body, meta }) =>
  recoverWithCode(cookies, claims, body.code, meta),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
