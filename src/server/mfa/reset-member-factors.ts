import { getAuthProvider } from "@/server/auth/get-auth-provider";
import { sql, type CallerDb } from "@/server/db";
import { deleteRecoveryCodes } from "./recovery-code-store";

/**
 * An admin (or a manager of a higher rank) removes every authenticator of a member who lost theirs;
 * the member's sessions end and they enroll again at their next sign-in. The rank rules and the
 * audit event are the database's (app_private.authorize_mfa_reset), checked before anything goes.
 */
export async function resetMemberFactors(db: CallerDb, orgId: string, userId: string): Promise<void> {
  await db((tx) => tx.query(sql`select app_private.authorize_mfa_reset(${orgId}::uuid, ${userId}::uuid)`));
  await (await getAuthProvider()).mfa.deleteAllFactors(userId);
  await deleteRecoveryCodes(userId);
}
