import { logout } from "@/server/auth/auth-service";
import { route } from "@/server/http/route";

export const POST = route({ auth: "public" }, async ({ cookies, meta }) => {
  await logout(cookies, meta);
  return null;
});
