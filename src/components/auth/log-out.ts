import { api } from "@/lib/api-client";

/**
 * Ends the session, then loads /login as a full page so no client cache (router or query) keeps
 * anything of the signed-out user. If the server cannot be reached the cookies may survive, but
 * /login still shows; the next request with them is checked again.
 */
export async function logOut(): Promise<void> {
  try {
    await api.post("/api/auth/logout");
  } finally {
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load is the point: it drops every client cache
    window.location.assign("/login");
  }
}
