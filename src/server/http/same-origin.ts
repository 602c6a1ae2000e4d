import type { NextRequest } from "next/server";
import { config } from "@/server/config";
import { requestOrigin } from "./forwarded";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The origins whose pages may send cookie-authenticated mutations: the request's own (its Host,
 * or behind a trusted proxy the X-Forwarded-Host/-Proto it passed on), APP_URL's, and those in
 * ALLOWED_ORIGINS. So the app works at whatever address it is reached by (127.0.0.1, a LAN name,
 * behind a proxy) while a page on another site still cannot ride on a user's session.
 */
export function allowedOrigins(req: NextRequest): Set<string> {
  const env = config();
  const allowed = new Set([requestOrigin(req.headers, req.nextUrl).origin, ...env.ALLOWED_ORIGINS]);
  if (env.APP_URL) allowed.add(new URL(env.APP_URL).origin);
  return allowed;
}

/**
 * CSRF defence for cookie-authenticated mutations: the browser's Origin (or, failing that, its
 * Sec-Fetch-Site) must say the request comes from our own pages. Requests that carry no cookies
 * (API clients with a bearer token) cannot ride on a user's session and are not checked.
 */
export function isCrossSiteMutation(req: NextRequest): boolean {
  if (!MUTATING.has(req.method)) return false;
  if (req.cookies.getAll().length === 0) return false;
  const origin = req.headers.get("origin");
  if (origin) return !allowedOrigins(req).has(origin.toLowerCase());
  const site = req.headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin" && site !== "none";
}
