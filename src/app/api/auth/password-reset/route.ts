import { NextResponse } from "next/server";
import { requestPasswordReset } from "@/server/auth/request-password-reset";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { passwordResetBody } from "@/lib/auth-schemas";

// Always 202 with the same words: the answer never tells whether the address has an account.
export const POST = route({ auth: "public", body: passwordResetBody }, async ({ body, meta }) => {
  await requestPasswordReset(body.email, meta);
  return NextResponse.json({ message: "If an account uses that address, a reset link is on its way." }, { status: 202 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
