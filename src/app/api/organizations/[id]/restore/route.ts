import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { restoreOrganization } from "@/server/orgs/restore-organization";
import { organizationIdParams } from "@/lib/organization-schemas";

/** Brings a deleted organization back before its purge date (its admins only; anybody else gets 404). */
export const POST = route({ auth: "user", params: organizationIdParams }, ({ db, params }) => db((tx) => restoreOrganization(tx, params.id)));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
