import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { listMembers } from "@/server/members/list-members";
import { listMembersQuery } from "@/lib/admin-schemas";

export const GET = route({ auth: "user", permission: "members.read", query: listMembersQuery }, ({ db, org, query }) =>
  db((tx) => listMembers(tx, org.id, query)),
);

// POST /api/users is the same operation as POST /api/users/invite (DESIGN §7 lists both).
import { POST } from "./invite/route";
export { POST };

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
