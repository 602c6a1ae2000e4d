import "server-only";
import { createClient, type SupabaseClient, type WebSocketLikeConstructor } from "@supabase/supabase-js";
import { config } from "@/server/config";

/**
 * Server-side clients never open Realtime channels, but supabase-js builds its Realtime client
 * eagerly and throws on Node 20, which has no global WebSocket. This transport is used only if
 * something does try to connect, and then it refuses.
 */
class NoRealtimeOnTheServer {
  constructor() {
    throw new Error("Supabase Realtime is not available in server code");
  }
}
export const serverRealtimeOptions = {
  transport: (globalThis.WebSocket ?? NoRealtimeOnTheServer) as unknown as WebSocketLikeConstructor,
};

/**
 * The one place that creates a supabase-js client with the secret (service-role) key.
 *
 * That key bypasses RLS and can administer every user, so it is confined to this server-only module
 * (importing it from a Client Component fails the build): admin operations (password change,
 * invite, delete user) all go through `serviceRoleClient()`, and a grep for SUPABASE_SECRET_KEY
 * finds exactly one use. The client never holds a user session (no persistence, no auto-refresh),
 * so it is safe to share: one per process, created on first use. It is re-created only if the
 * configuration it was built from changes (tests switch projects between files).
 */
let cached: { url: string; key: string; client: SupabaseClient } | undefined;

export function serviceRoleClient(): SupabaseClient {
  const env = config();
  const url = env.NEXT_PUBLIC_SUPABASE_URL;
  const key = env.SUPABASE_SECRET_KEY;
  if (!url || !key) throw new Error("NEXT_PUBLIC_SUPABASE_URL and SUPABASE_SECRET_KEY are required for the service-role client");
  if (cached?.url !== url || cached.key !== key) {
    const client = createClient(url, key, {
      auth: { autoRefreshToken: false, persistSession: false, detectSessionInUrl: false },
      realtime: serverRealtimeOptions,
    });
    cached = { url, key, client };
  }
  return cached.client;
}
