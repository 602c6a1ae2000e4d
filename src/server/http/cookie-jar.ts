import type { NextRequest, NextResponse } from "next/server";
import type { CookieJar, CookieToSet } from "@/server/auth/auth-provider";
import { isHttps } from "./forwarded";

/**
 * A request's cookies with writes collected for the response. Writes are also visible to later
 * reads in the same request, as @supabase/ssr expects. Whether a cookie is `Secure` is decided
 * here, for both auth adapters, from the request: over plain http a browser would drop it.
 */
export class RequestCookieJar implements CookieJar {
  private readonly current = new Map<string, string>();
  readonly pending: CookieToSet[] = [];
  readonly headers: Record<string, string> = {};

  constructor(
    initial: { name: string; value: string }[],
    private readonly secure = false,
  ) {
    for (const c of initial) this.current.set(c.name, c.value);
  }

  static from(req: NextRequest): RequestCookieJar {
    return new RequestCookieJar(req.cookies.getAll(), isHttps(req.headers, req.nextUrl));
  }

  getAll() {
    return [...this.current].map(([name, value]) => ({ name, value }));
  }

  setAll(cookies: CookieToSet[], headers?: Record<string, string>) {
    for (const c of cookies) {
      if (c.value === "" || c.options.maxAge === 0) this.current.delete(c.name);
      else this.current.set(c.name, c.value);
      this.pending.push(c);
    }
    Object.assign(this.headers, headers ?? {});
  }

  applyTo(response: NextResponse): NextResponse {
    for (const c of this.pending) response.cookies.set(c.name, c.value, { ...c.options, secure: this.secure });
    for (const [k, v] of Object.entries(this.headers)) response.headers.set(k, v);
    return response;
  }
}
