import { createServerClient } from "@supabase/ssr";
import type { WebSocketLikeConstructor } from "@supabase/supabase-js";
import { NextResponse, type NextRequest } from "next/server";
import { config } from "@/server/config";
import { isHttps } from "@/server/http/forwarded";

/**
 * The proxy-side session refresh, as Supabase documents it for Next.js (vercel/next.js
 * examples/with-supabase lib/supabase/proxy.ts): a new client per request; refreshed cookies are
 * written both into the request (so Server Components rendering this request see them) and onto
 * the response (so the browser stores them), with the no-cache headers @supabase/ssr asks for.
 *
 * It does not redirect: the proxy is not the authorization layer, every page, route and action
 * checks the session again. Deliberately imports nothing but the config (and the request rules
 * built on it), so the proxy bundle never pulls in the service-role client or the logger; the
 * settings match supabase-auth-provider's.
 */
// supabase-js builds a Realtime client eagerly and throws on Node 20 (no global WebSocket); the
// proxy never opens a channel (same guard as service-role-client.ts, not imported: server-only).
class NoRealtimeInTheProxy {
  constructor() {
    throw new Error("Supabase Realtime is not available in the proxy");
  }
}
const realtime = { transport: (globalThis.WebSocket ?? NoRealtimeInTheProxy) as unknown as WebSocketLikeConstructor };

export async function updateSupabaseSession(request: NextRequest): Promise<NextResponse> {
  let response = NextResponse.next({ request });
  const env = config();
  const url = env.NEXT_PUBLIC_SUPABASE_URL;
  const publishableKey = env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY;
  if (!url || !publishableKey) return response;
  // Secure only over https (the request's, or APP_URL's): a browser drops Secure cookies over http.
  const cookieOptions = { secure: isHttps(request.headers, request.nextUrl), httpOnly: true };

  // Never a global client: each request gets its own, bound to its own cookies.
  const supabase = createServerClient(url, publishableKey, {
    realtime,
    cookieOptions,
    cookies: {
      getAll() {
        return request.cookies.getAll();
      },
      setAll(cookiesToSet, headers) {
        cookiesToSet.forEach(({ name, value }) => request.cookies.set(name, value));
        response = NextResponse.next({ request });
        cookiesToSet.forEach(({ name, value, options }) => response.cookies.set(name, value, options));
        Object.entries(headers).forEach(([key, value]) => response.headers.set(key, value));
      },
    },
  });

  // Nothing may run between creating the client and getClaims(): it refreshes an expiring session
  // and, if that happens, the new cookies must reach the response returned below.
  await supabase.auth.getClaims();

  return response;
}
