import { otherMethods } from "@/server/http/other-methods";
import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { requestSignup } from "@/server/onboarding/request-signup";
import { signupBody } from "@/lib/onboarding-schemas";

// Always 202 with the same words for a new or an existing address (SIGNUP_MODE=open; 403 when closed).
export const POST = route({ auth: "public", body: signupBody }, async ({ body, meta }) =>
  NextResponse.json(await requestSignup(body, meta), { status: 202 }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
