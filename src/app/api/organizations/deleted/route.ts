import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { listDeletedOrganizations } from "@/server/orgs/list-deleted-organizations";

/** The deleted organizations the caller may restore (an admin of each) before they are purged. */
export const GET = route({ auth: "user" }, async ({ db }) => ({ items: await db(listDeletedOrganizations) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
