import { NextResponse } from "next/server";
import { exchangeCode } from "@/server/auth/exchange-code";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { authCallbackQuery, safeNextPath } from "@/lib/auth-schemas";

/** Supabase OAuth / PKCE / email-link landing: exchange the code, then go to a same-origin path. */
export const GET = route({ auth: "public", query: authCallbackQuery }, async ({ req, query, cookies }) => {
  const user = query.code ? await exchangeCode(cookies, query.code) : null;
  const target = user ? safeNextPath(query.next) : "/login?error=callback";
  return NextResponse.redirect(new URL(target, req.nextUrl.origin), 303);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
