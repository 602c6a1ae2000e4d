import { asService, sql, type Tx } from "@/server/db";
import { mfaKey } from "./mfa-keys";
import { hashRecoveryCode, newRecoveryCodes } from "./recovery-codes";

/** app_private.mfa_recovery_codes, reached as the service role by the MFA services only. */
export async function replaceRecoveryCodes(userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  const key = await mfaKey("recovery-code");
  const hashes = codes.map((code) => hashRecoveryCode(key, userId, code));
  await asService(async (tx) => {
    await tx.query(sql`delete from app_private.mfa_recovery_codes where user_id = ${userId}`);
    await tx.query(sql`
      insert into app_private.mfa_recovery_codes (user_id, code_hash)
      select ${userId}, h from unnest(${hashes}::text[]) as h`);
  });
  return codes;
}

/** Marks the code used if it is one of the user's unused codes; the number left, or null. */
export async function consumeRecoveryCode(userId: string, code: string): Promise<number | null> {
  const hash = hashRecoveryCode(await mfaKey("recovery-code"), userId, code);
  return asService(async (tx) => {
    const used = await tx.maybeOne(sql`
      update app_private.mfa_recovery_codes set used_at = now()
      where user_id = ${userId} and code_hash = ${hash} and used_at is null returning id`);
    if (!used) return null;
    return countRemaining(userId, tx);
  });
}

export async function remainingRecoveryCodes(userId: string): Promise<number> {
  return asService((tx) => countRemaining(userId, tx));
}

async function countRemaining(userId: string, tx: Tx): Promise<number> {
  const row = await tx.one<{ n: number }>(sql`select count(*)::int as n from app_private.mfa_recovery_codes where user_id = ${userId} and used_at is null`);
  return row.n;
}

export async function deleteRecoveryCodes(userId: string): Promise<void> {
  await asService((tx) => tx.query(sql`delete from app_private.mfa_recovery_codes where user_id = ${userId}`));
}
