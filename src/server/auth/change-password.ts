import "server-only";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { asUser, type Claims, type RequestMeta } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import type { CookieJar } from "./auth-provider";
import { getAuthProvider } from "./get-auth-provider";

export async function changePassword(
  jar: CookieJar,
  claims: Claims,
  currentPassword: string,
  newPassword: string,
  meta: RequestMeta,
): Promise<void> {
  const changed = await (await getAuthProvider()).changePassword(jar, claims, currentPassword, newPassword, meta);
  if (!changed) {
    throw new AppError("VALIDATION_FAILED", "Some fields are invalid", { currentPassword: ["The current password is not correct"] });
  }
  await asUser(claims, (tx) => recordAuditEvent(tx, { action: "auth.password_changed", metadata: { via: "profile" } }), meta);
}
