import "server-only";
import { config } from "@/server/config";
import type { AuthProvider } from "./auth-provider";
import { createLocalAuthProvider } from "./local/local-auth-provider";

let provider: AuthProvider | undefined;
let providerName: string | undefined;

/** The adapter chosen by AUTH_PROVIDER; nothing else in the app asks which one runs. */
export async function getAuthProvider(): Promise<AuthProvider> {
  const name = config().AUTH_PROVIDER;
  if (!provider || providerName !== name) {
    provider =
      name === "supabase"
        ? (await import("./supabase/supabase-auth-provider")).createSupabaseAuthProvider()
        : createLocalAuthProvider();
    providerName = name;
  }
  return provider!;
}
