import { NextResponse, type NextRequest } from "next/server";
import { ACCESS_COOKIE, REFRESH_COOKIE } from "@/server/auth/local/session-cookies";

/**
 * Keeps sessions fresh before pages and routes run. It is not the authorization layer: every page,
 * route and action checks identity and permission again.
 */
export async function proxy(request: NextRequest) {
  // Pages redirect to /login?next=<this path> when signed out.
  request.headers.set("x-pathname", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  if (process.env.AUTH_PROVIDER === "supabase") {
    const { updateSupabaseSession } = await import("@/server/auth/supabase/update-session");
    return updateSupabaseSession(request);
  }
  return refreshLocalSession(request);
}

const REFRESH_AHEAD_SECONDS = 60;

function expiresSoon(jwt: string): boolean {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as { exp?: number };
    return !payload.exp || payload.exp - REFRESH_AHEAD_SECONDS < Date.now() / 1000;
  } catch {
    return true;
  }
}

/**
 * Local adapter: when the access token is missing or about to expire and a refresh token is
 * present, rotate it through /api/auth/refresh (the one place that touches the database), and pass
 * the new cookies both to this request and to the browser.
 */
async function refreshLocalSession(request: NextRequest): Promise<NextResponse> {
  const access = request.cookies.get(ACCESS_COOKIE)?.value;
  const refresh = request.cookies.get(REFRESH_COOKIE)?.value;
  if (!refresh || (access && !expiresSoon(access))) return NextResponse.next({ request });

  const answer = await fetch(new URL("/api/auth/refresh", request.nextUrl.origin), {
    method: "POST",
    headers: {
      cookie: request.headers.get("cookie") ?? "",
      origin: request.nextUrl.origin,
      "user-agent": request.headers.get("user-agent") ?? "",
      "x-forwarded-for": request.headers.get("x-forwarded-for") ?? "",
    },
  }).catch(() => null);
  if (!answer) return NextResponse.next({ request });

  const setCookies = answer.headers.getSetCookie();
  for (const raw of setCookies) {
    const [pair = ""] = raw.split(";");
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).trim();
    const value = decodeURIComponent(pair.slice(eq + 1).trim());
    if (value) request.cookies.set(name, value);
    else request.cookies.delete(name);
  }
  const response = NextResponse.next({ request });
  for (const raw of setCookies) response.headers.append("set-cookie", raw);
  response.headers.set("Cache-Control", "private, no-cache, no-store, must-revalidate, max-age=0");
  return response;
}

export const config = {
  // Everything but static assets and the refresh endpoint itself (the proxy calls it).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/auth/refresh|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico)$).*)"],
};
