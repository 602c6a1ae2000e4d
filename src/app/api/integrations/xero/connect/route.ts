import { NextResponse } from "next/server";
import { forbidden } from "@/server/http/app-error";
import { route } from "@/server/http/route";
import { startXeroConnect } from "@/server/integrations/start-xero-connect";
import { resolveOrg } from "@/server/orgs/resolve-org";
import { connectQuerySchema } from "@/lib/integration-schemas";

/**
 * The Connect button is a plain link (Xero's consent page must be a top-level navigation), and a
 * navigation cannot send X-Org-Id, so the organization may come from `?org=`; that is why this route
 * resolves the organization and checks integrations.manage itself instead of through the wrapper.
 */
export const GET = route({ auth: "user", query: connectQuerySchema }, async ({ req, db, query }) => {
  const url = await db(async (tx) => {
    const org = await resolveOrg(tx, query.org ?? req.headers.get("x-org-id"));
    if (!org.permissions.includes("integrations.manage")) throw forbidden();
    return startXeroConnect(tx, org.id, query.provider);
  });
  return NextResponse.redirect(url, 302);
});
