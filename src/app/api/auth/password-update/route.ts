import { changePassword, resetPassword } from "@/server/auth/auth-service";
import { getAuthProvider } from "@/server/auth/get-auth-provider";
import { unauthorized } from "@/server/http/app-error";
import { route } from "@/server/http/route";
import { passwordUpdateSchema } from "@/lib/auth-schemas";

/** With a reset token (from the email link), or as the signed-in user with the current password. */
export const POST = route({ auth: "public", body: passwordUpdateSchema }, async ({ body, cookies, meta }) => {
  if (body.token !== undefined) {
    const user = await resetPassword(cookies, body.token, body.password, meta);
    return { user };
  }
  const claims = await (await getAuthProvider()).getClaims(cookies);
  if (!claims) throw unauthorized();
  await changePassword(cookies, claims, body.currentPassword!, body.password, meta);
  return { user: { id: claims.sub, email: claims.email } };
});
