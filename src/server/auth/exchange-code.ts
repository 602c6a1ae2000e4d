import "server-only";
import type { AuthUser, CookieJar } from "./auth-provider";
import { getAuthProvider } from "./get-auth-provider";

export async function exchangeCode(jar: CookieJar, code: string): Promise<AuthUser | null> {
  return (await getAuthProvider()).exchangeCodeForSession(jar, code);
}
