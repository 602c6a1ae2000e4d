import { mfaLockedForSeconds } from "./mfa-throttle";
import { mfaLockedOut } from "./mfa-locked-out";

export async function assertNotMfaLocked(userId: string): Promise<void> {
  const wait = await mfaLockedForSeconds(userId);
  if (wait > 0) throw mfaLockedOut(wait);
}
