import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { listFactors } from "@/server/mfa/list-factors";

/** Part of the challenge: the login page picks the factor to answer with from this list. */
export const GET = route({ auth: "user", mfa: "challenge" }, ({ cookies, claims }) => listFactors(cookies, claims));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
