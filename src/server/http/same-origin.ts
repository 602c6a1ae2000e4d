import type { NextRequest } from "next/server";
import { config } from "@/server/config";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF defence for cookie-authenticated mutations: the browser's Origin (or, failing that, its
 * Sec-Fetch-Site) must say the request comes from our own pages. Requests that carry no cookies
 * (API clients with a bearer token) cannot ride on a user's session and are not checked.
 */
export function isCrossSiteMutation(req: NextRequest): boolean {
  if (!MUTATING.has(req.method)) return false;
  if (req.cookies.getAll().length === 0) return false;
  const origin = req.headers.get("origin");
  if (origin) {
    const allowed = new Set([req.nextUrl.origin]);
    const appUrl = config().APP_URL;
    if (appUrl) allowed.add(new URL(appUrl).origin);
    return !allowed.has(origin);
  }
  const site = req.headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin" && site !== "none";
}
