import { login } from "@/server/auth/login";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { loginBody } from "@/lib/auth-schemas";

export const POST = route({ auth: "public", body: loginBody }, ({ body, cookies, meta }) => login(cookies, body, meta));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
