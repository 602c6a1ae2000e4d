import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { getProfile } from "@/server/orgs/get-profile";

export const GET = route({ auth: "user" }, ({ db }) => db(getProfile));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
