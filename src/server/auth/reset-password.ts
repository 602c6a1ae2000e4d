import "server-only";
import { recordSystemAuditEvent } from "@/server/audit/record-system-audit-event";
import type { RequestMeta } from "@/server/db";
import { AppError } from "@/server/http/app-error";
import type { AuthUser, CookieJar } from "./auth-provider";
import { getAuthProvider } from "./get-auth-provider";

export async function resetPassword(jar: CookieJar, token: string, password: string, meta: RequestMeta): Promise<AuthUser> {
  const user = await (await getAuthProvider()).resetPasswordWithToken(jar, token, password, meta);
  if (!user) throw new AppError("INVALID_TOKEN", "This reset link is invalid or has expired; ask for a new one");
  await recordSystemAuditEvent({ action: "auth.password_changed", actorType: "user", actorUserId: user.id, metadata: { via: "reset" }, meta });
  return user;
}
