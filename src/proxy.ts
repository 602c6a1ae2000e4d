import { NextResponse, type NextRequest } from "next/server";
import { ACCESS_COOKIE, REFRESH_COOKIE } from "@/server/auth/local/session-cookies";
import { CLIENT_FORWARDED, isHttps, setAsideClientForwarding } from "@/server/http/forwarded";
import { contentSecurityPolicy, newNonce, STRICT_TRANSPORT_SECURITY } from "@/server/http/security-headers";

/**
 * Runs before every page and API route. It is not the authorization layer: every page, route and
 * action checks identity and permission again. It
 * - sets the client's forwarding headers aside, so Next.js records the socket's address and scheme
 *   (src/server/http/forwarded.ts explains why);
 * - makes this request's CSP nonce, for Next.js to put on its scripts and for the response header;
 * - keeps sessions fresh.
 */
export async function proxy(request: NextRequest) {
  setAsideClientForwarding(request.headers);
  // Pages redirect to /login?next=<this path> when signed out.
  request.headers.set("x-pathname", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
  request.headers.set("content-security-policy", csp);
  request.headers.set("x-nonce", nonce);

  let response: NextResponse;
  if (request.nextUrl.pathname === "/api/auth/refresh") {
    response = NextResponse.next({ request });
  } else if (process.env.AUTH_PROVIDER === "supabase") {
    const { updateSupabaseSession } = await import("@/server/auth/supabase/update-session");
    response = await updateSupabaseSession(request);
  } else {
    response = await refreshLocalSession(request);
  }
  response.headers.set("Content-Security-Policy", csp);
  if (isHttps(request.headers, request.nextUrl)) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
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

  const headers = new Headers({
    cookie: request.headers.get("cookie") ?? "",
    origin: request.nextUrl.origin,
    "user-agent": request.headers.get("user-agent") ?? "",
  });
  // What the client's proxies said, for the refresh route to weigh by the same rules. The socket's
  // address is not known here: with no trusted proxy, a refresh made on the way to a page is
  // recorded from this server's own address.
  for (const [original, aside] of [["x-forwarded-for", CLIENT_FORWARDED.for], ["x-forwarded-host", CLIENT_FORWARDED.host], ["x-forwarded-proto", CLIENT_FORWARDED.proto]]) {
    const value = request.headers.get(aside!);
    if (value !== null) headers.set(original!, value);
  }
  const answer = await fetch(new URL("/api/auth/refresh", request.nextUrl.origin), { method: "POST", headers }).catch(() => null);
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
  // Every API path, whatever it ends in (the refresh endpoint the proxy calls included: its
  // forwarding headers need the same treatment, but it is not refreshed again), and every page;
  // not static assets.
  matcher: ["/api/:path*", "/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico)$).*)"],
};
