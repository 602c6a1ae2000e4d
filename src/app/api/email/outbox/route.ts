import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { listOrgOutbox } from "@/server/email/list-org-outbox";

/** The organization's emails kept in the outbox (admins only: they hold invitation links). */
export const GET = route({ auth: "user", permission: "org.manage" }, async ({ db, org }) => db((tx) => listOrgOutbox(tx, org.id)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
