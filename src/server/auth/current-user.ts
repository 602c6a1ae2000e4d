import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { asUser, type CallerDb, type Claims } from "@/server/db";
import { getProfile, type Profile } from "@/server/orgs/get-profile";
import type { OrgContext } from "@/server/orgs/resolve-org";
import { AppError } from "@/server/http/app-error";
import { passCallerGate, type CallerGate } from "@/server/http/caller-gate";
import type { Permission } from "@/lib/permissions";
import type { CookieJar } from "./auth-provider";
import { getAuthProvider } from "./get-auth-provider";

/**
 * Identity for Server Components and pages. Cookies cannot be written while rendering, so writes
 * (a refresh by @supabase/ssr) are dropped here; the proxy already refreshed the session.
 */
async function readOnlyJar(): Promise<CookieJar> {
  const store = await cookies();
  return { getAll: () => store.getAll().map((c) => ({ name: c.name, value: c.value })), setAll: () => undefined };
}

export const getClaims = cache(async (): Promise<Claims | null> => {
  return (await getAuthProvider()).getClaims(await readOnlyJar());
});

export interface Viewer extends Profile {
  claims: Claims;
  db: CallerDb;
}

/**
 * The pages' side of the route wrapper's caller gate (one transaction: session, organization,
 * two-factor gate). MFA_REQUIRED → the login page's challenge, MFA_ENROLLMENT_REQUIRED → the
 * enrollment page; both come back to the current path.
 */
async function gateOrRedirect(claims: Claims, gate: CallerGate): ReturnType<typeof passCallerGate> {
  try {
    return await passCallerGate(claims, gate, {});
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const path = encodeURIComponent((await headers()).get("x-pathname") ?? "/");
    if (error.code === "MFA_REQUIRED") redirect(`/login?next=${path}`);
    if (error.code === "MFA_ENROLLMENT_REQUIRED") redirect(`/account/two-factor?next=${path}`);
    throw error;
  }
}

/** The signed-in user, or a redirect to /login that comes back to the current path. */
export const requireViewer = cache(async (): Promise<Viewer> => {
  const read = await (await getAuthProvider()).readClaims(await readOnlyJar());
  // A password-only session that owes its second factor goes back to the login page's challenge.
  const passed = read && (await gateOrRedirect(read.claims, { checkSession: read.checkSession, mfa: "enroll" }));
  if (!read || !passed) {
    const path = (await headers()).get("x-pathname") ?? "/";
    redirect(`/login?next=${encodeURIComponent(path)}`);
  }
  const { claims } = read;
  const db: CallerDb = (fn) => asUser(claims, fn);
  return { claims, db, ...(await db(getProfile)) };
});

/**
 * The organization of an `/[org]/…` page with the viewer's role in it. Not a member (or no such
 * organization) → the not-found page; lacking `permission` → the forbidden page. Every page
 * checks again here: the proxy is not the authorization layer.
 */
export const requireOrg = cache(async (slug: string, permission?: Permission): Promise<{ viewer: Viewer; org: OrgContext }> => {
  const viewer = await requireViewer();
  try {
    // The session was found live by requireViewer in this render.
    const passed = await gateOrRedirect(viewer.claims, { checkSession: false, org: { hint: slug }, mfa: "on" });
    const org = passed?.org;
    if (!org) throw new Error("requireOrg: the caller gate resolved no organization");
    if (permission && !org.permissions.includes(permission)) {
      const { forbidden } = await import("next/navigation");
      forbidden();
    }
    return { viewer, org };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      const { notFound } = await import("next/navigation");
      notFound();
    }
    throw error;
  }
});
