import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { getMember } from "@/server/members/get-member";
import { removeMember } from "@/server/members/remove-member";
import { updateMember } from "@/server/members/update-member";
import { updateMemberBody, userIdParams } from "@/lib/admin-schemas";

export const GET = route({ auth: "user", permission: "members.read", params: userIdParams }, ({ db, org, params }) =>
  db((tx) => getMember(tx, org.id, params.userId)),
);

/** `{role}` or `{status}`; the database function enforces rank rules and the last-admin guard. */
export const PATCH = route(
  { auth: "user", permission: "members.manage", params: userIdParams, body: updateMemberBody },
  ({ db, org, params, body, meta }) => updateMember(db, org, params.userId, body, meta),
);

export const DELETE = route({ auth: "user", permission: "members.manage", params: userIdParams }, async ({ db, org, params }) => {
  await db((tx) => removeMember(tx, org.id, params.userId));
  return null;
});

export const { POST, PUT, OPTIONS } = otherMethods({ GET, PATCH, DELETE });
