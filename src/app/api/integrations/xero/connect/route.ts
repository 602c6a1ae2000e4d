import { NextResponse } from "next/server";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { startXeroConnect } from "@/server/integrations/start-xero-connect";
import { xeroConnectQuery } from "@/lib/integration-schemas";

// The Connect button is a plain link (Xero's consent page needs a top-level navigation), so the
// organization arrives as `?org=`, which the wrapper accepts on GETs.
export const GET = route({ auth: "user", permission: "integrations.manage", query: xeroConnectQuery }, async ({ db, org, query }) =>
  NextResponse.redirect(await db((tx) => startXeroConnect(tx, org.id, query.provider)), 302),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
