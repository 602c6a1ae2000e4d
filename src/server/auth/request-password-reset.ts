import "server-only";
import { recordSystemAuditEvent } from "@/server/audit/record-system-audit-event";
import type { RequestMeta } from "@/server/db";
import { logger } from "@/server/http/logger";
import { getAuthProvider } from "./get-auth-provider";
import { admitPasswordReset } from "./password-reset-throttle";

/**
 * Sends a reset link if the address has an account, within the per-address and per-IP limits. The
 * caller answers the same whatever happened here, so neither an account nor a limit shows.
 */
export async function requestPasswordReset(email: string, meta: RequestMeta): Promise<void> {
  const address = email.trim().toLowerCase();
  if (!(await admitPasswordReset(address, meta.ip))) {
    logger.warn({ requestId: meta.requestId, ip: meta.ip }, "password reset: over the limit, no email sent");
    return;
  }
  await (await getAuthProvider()).requestPasswordReset(address, meta);
  await recordSystemAuditEvent({ action: "auth.password_reset_requested", actorType: "anonymous", metadata: { email: address }, meta });
}
