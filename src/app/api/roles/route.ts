import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { listRoleMatrix } from "@/server/orgs/list-role-matrix";

export const GET = route({ auth: "user", permission: "members.read" }, async ({ db }) => ({ items: await db(listRoleMatrix) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
