import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { regenerateRecoveryCodes } from "@/server/mfa/regenerate-recovery-codes";

export const POST = route({ auth: "user" }, ({ claims, meta }) => regenerateRecoveryCodes(claims, meta));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
