import { otherMethods } from "@/server/http/other-methods";
import { listConversations } from "@/server/assistant/list-conversations";
import { route } from "@/server/http/route";

export const GET = route({ auth: "user", permission: "dashboards.view" }, ({ db, org }) =>
  db(async (tx) => ({ conversations: await listConversations(tx, org.id) })),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
