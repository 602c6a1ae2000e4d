import "server-only";
import type { Claims, RequestMeta } from "@/server/db";
import { unauthorized } from "@/server/http/app-error";
import type { AuthUser, CookieJar } from "./auth-provider";
import { changePassword } from "./change-password";
import { resetPassword } from "./reset-password";

/**
 * POST /api/auth/password-update: with a reset token anyone holding the link may set a password;
 * without one, the signed-in user changes theirs with the current password.
 */
export async function updatePassword(
  jar: CookieJar,
  claims: Claims | null,
  input: { token?: string; currentPassword?: string; password: string },
  meta: RequestMeta,
): Promise<AuthUser> {
  if (input.token !== undefined) return resetPassword(jar, input.token, input.password, meta);
  if (!claims) throw unauthorized();
  await changePassword(jar, claims, input.currentPassword ?? "", input.password, meta);
  return { id: claims.sub, email: claims.email };
}
