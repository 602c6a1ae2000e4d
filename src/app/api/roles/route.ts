import { route } from "@/server/http/route";
import { listRoleMatrix } from "@/server/orgs/list-role-matrix";

export const GET = route({ auth: "user", permission: "members.read" }, async ({ db }) => ({ items: await db(listRoleMatrix) }));
