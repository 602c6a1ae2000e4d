import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { completeXeroCallback } from "@/server/integrations/complete-xero-callback";
import { xeroCallbackQuery } from "@/lib/integration-schemas";

/**
 * Xero's redirect after consent. The organization comes from the stored state, never the request.
 * The way back is a path: the browser resolves it against the address it is on, whatever host or
 * proxy served it (the server's own idea of its origin can differ, e.g. localhost vs 127.0.0.1).
 */
export const GET = route({ auth: "user", query: xeroCallbackQuery }, async ({ db, query }) => {
  const outcome = await completeXeroCallback(db, query);
  return new Response(null, { status: 302, headers: { Location: outcome.redirectPath } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
