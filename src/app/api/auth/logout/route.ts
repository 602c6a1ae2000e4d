import { logout } from "@/server/auth/logout";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";

export const POST = route({ auth: "public" }, async ({ cookies, meta }) => {
  await logout(cookies, meta);
  return null;
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
