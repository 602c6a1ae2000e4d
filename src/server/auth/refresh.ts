import "server-only";
import type { Claims, RequestMeta } from "@/server/db";
import { unauthorized } from "@/server/http/app-error";
import type { CookieJar } from "./auth-provider";
import { getAuthProvider } from "./get-auth-provider";

export async function refresh(jar: CookieJar, meta: RequestMeta): Promise<Claims> {
  const claims = await (await getAuthProvider()).refreshSession(jar, meta);
  if (!claims) throw unauthorized("Your session has ended; sign in again");
  return claims;
}
