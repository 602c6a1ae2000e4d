import { asService, sql } from "@/server/db";

/**
 * First-run setup is needed while no user exists (every auth.users row has a profile, kept by a
 * trigger in both auth modes). Once anybody exists, /setup and its API answer 404.
 */
export async function setupNeeded(): Promise<boolean> {
  const row = await asService((tx) => tx.one<{ taken: boolean }>(sql`select exists (select 1 from public.user_profiles) as taken`));
  return !row.taken;
}
