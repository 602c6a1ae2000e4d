import jwt from "jsonwebtoken";
import { config } from "@/server/config";
import { notFound } from "@/server/http/app-error";

/** Metabase allows 60 s of clock skew on top; ten minutes is the most we ever sign for. */
export const EMBED_TTL_SECONDS = 600;

/**
 * A signed static-embedding URL for a Metabase dashboard, locked to one organization: the token
 * carries `params.org_id` (a locked filter in Metabase), so the viewer cannot change it. The
 * secret never leaves the server.
 */
export function signMetabaseEmbed(metabaseDashboardId: number, orgId: string, now: Date = new Date()): { embedUrl: string; expiresAt: string } {
  const env = config();
  if (!env.METABASE_SITE_URL || !env.METABASE_SECRET_KEY) throw notFound("Dashboard");
  const exp = Math.floor(now.getTime() / 1000) + EMBED_TTL_SECONDS;
  const token = jwt.sign({ resource: { dashboard: metabaseDashboardId }, params: { org_id: [orgId] }, exp }, env.METABASE_SECRET_KEY, {
    algorithm: "HS256",
    noTimestamp: true,
  });
  const site = env.METABASE_SITE_URL.replace(/\/+$/, "");
  return { embedUrl: `${site}/embed/dashboard/${token}#bordered=true&titled=true`, expiresAt: new Date(exp * 1000).toISOString() };
}
