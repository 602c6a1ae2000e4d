import { config } from "@/server/config";

/** Whether Metabase dashboards can be embedded here (both its site URL and secret are set). */
export function metabaseConfigured(): boolean {
  const env = config();
  return Boolean(env.METABASE_SITE_URL && env.METABASE_SECRET_KEY);
}
