import { otherMethods } from "@/server/http/other-methods";
import { deleteConversation } from "@/server/assistant/delete-conversation";
import { getConversation } from "@/server/assistant/get-conversation";
import { route } from "@/server/http/route";
import { conversationParams } from "@/lib/assistant-schemas";

export const GET = route({ auth: "user", permission: "dashboards.view", params: conversationParams }, ({ db, org, params }) =>
  db((tx) => getConversation(tx, org.id, params.id)),
);

export const DELETE = route({ auth: "user", permission: "dashboards.view", params: conversationParams }, async ({ db, org, params }) => {
  await db((tx) => deleteConversation(tx, org.id, params.id));
  return null;
});

export const { POST, PUT, PATCH, OPTIONS } = otherMethods({ GET, DELETE });
