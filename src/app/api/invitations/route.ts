import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { listInvitations } from "@/server/invitations/list-invitations";
import { listInvitationsQuery } from "@/lib/admin-schemas";

export const GET = route(
  { auth: "user", permission: "members.read", query: listInvitationsQuery },
  async ({ db, org, query }) => ({ items: await db((tx) => listInvitations(tx, org.id, { includeClosed: query.includeClosed === "true" })) }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
