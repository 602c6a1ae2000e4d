import { NextResponse } from "next/server";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { completeXeroCallback } from "@/server/integrations/complete-xero-callback";
import { callbackQuerySchema } from "@/lib/integration-schemas";

/** Xero's redirect after consent. The organization comes from the stored state, never the request. */
export const GET = route({ auth: "user", query: callbackQuerySchema }, async ({ req, db, query }) => {
  const outcome = await completeXeroCallback(db, query);
  return NextResponse.redirect(new URL(outcome.redirectPath, req.nextUrl.origin), 302);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
