import { NextResponse } from "next/server";
import { z } from "zod";
import { exchangeCode } from "@/server/auth/auth-service";
import { route } from "@/server/http/route";
import { safeNextPath } from "@/lib/auth-schemas";

const query = z.object({ code: z.string().min(1).max(1024).optional(), next: z.string().max(2048).optional() });

/** Supabase OAuth / PKCE / email-link landing: exchange the code, then go to a same-origin path. */
export const GET = route({ auth: "public", query }, async ({ req, query, cookies }) => {
  const user = query.code ? await exchangeCode(cookies, query.code) : null;
  const target = user ? safeNextPath(query.next) : "/login?error=callback";
  return NextResponse.redirect(new URL(target, req.nextUrl.origin), 303);
});
