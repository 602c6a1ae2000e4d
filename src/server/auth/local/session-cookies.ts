import { config } from "@/server/config";
import type { CookieJar, CookieOptions } from "../auth-provider";

export const ACCESS_COOKIE = "xp-access-token";
export const REFRESH_COOKIE = "xp-refresh-token";
const REFRESH_MAX_AGE_SECONDS = 60 * 60 * 24 * 30;

// `Secure` is set by the request's cookie jar: only when the request (or APP_URL) is https.
function options(maxAge: number): CookieOptions {
  return { httpOnly: true, sameSite: "lax", path: "/", maxAge };
}

// Session cookies must never be cached by a CDN for another user.
const NO_STORE = { "Cache-Control": "private, no-cache, no-store, must-revalidate, max-age=0", Expires: "0", Pragma: "no-cache" };

export function writeSessionCookies(jar: CookieJar, accessToken: string, refreshToken: string): void {
  jar.setAll(
    [
      { name: ACCESS_COOKIE, value: accessToken, options: options(config().AUTH_ACCESS_TOKEN_TTL_SECONDS) },
      { name: REFRESH_COOKIE, value: refreshToken, options: options(REFRESH_MAX_AGE_SECONDS) },
    ],
    NO_STORE,
  );
}

export function clearSessionCookies(jar: CookieJar): void {
  jar.setAll(
    [
      { name: ACCESS_COOKIE, value: "", options: options(0) },
      { name: REFRESH_COOKIE, value: "", options: options(0) },
    ],
    NO_STORE,
  );
}

export function readCookie(jar: CookieJar, name: string): string | undefined {
  return jar.getAll().find((c) => c.name === name)?.value || undefined;
}
