import { updatePassword } from "@/server/auth/update-password";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { passwordUpdateBody } from "@/lib/auth-schemas";

/** With a reset token (from the email link), or as the signed-in user with the current password. */
export const POST = route({ auth: "optional", body: passwordUpdateBody }, async ({ body, claims, cookies, meta }) => ({
  user: await updatePassword(cookies, claims, body, meta),
}));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
