import "server-only";
import { serviceRoleClient } from "./service-role-client";

/**
 * Calls one of our Edge Functions with the secret key (the job functions accept it), through the
 * one service-role client, so the key stays in this folder: job dispatch (JOBS_RUNNER=edge) is
 * the only caller. Resolves to an error message, or null on success.
 */
export async function invokeEdgeFunction(name: string, body: Record<string, unknown>): Promise<string | null> {
  const { error } = await serviceRoleClient().functions.invoke(name, { body });
  return error ? String((error as Error).message ?? error) : null;
}
