import { asService, sql, type Claims } from "@/server/db";
import type { AssuranceLevel } from "@/lib/mfa-views";

/**
 * Supabase's getAuthenticatorAssuranceLevel: the level the session has (`aal` claim) and the one it
 * could reach (aal2 once the user has a verified factor). Read from auth.mfa_factors, which both
 * auth modes share (GoTrue writes it on Supabase).
 */
export async function assuranceLevel(claims: Claims): Promise<{ currentLevel: AssuranceLevel; nextLevel: AssuranceLevel }> {
  const row = await asService((tx) =>
    tx.one<{ has_factor: boolean }>(sql`select app_private.user_has_verified_factor(${claims.sub}::uuid) as has_factor`),
  );
  return { currentLevel: claims.aal === "aal2" ? "aal2" : "aal1", nextLevel: row.has_factor ? "aal2" : "aal1" };
}
