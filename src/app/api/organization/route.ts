import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { deleteOrganization } from "@/server/orgs/delete-organization";
import { getOrganizationSettings, updateOrganizationSettings } from "@/server/orgs/organization-settings";
import { updateOrganizationBody } from "@/lib/admin-schemas";
import { deleteOrganizationBody } from "@/lib/organization-schemas";

export const GET = route({ auth: "user", permission: "org.manage" }, ({ db, org }) => db((tx) => getOrganizationSettings(tx, org.id)));

export const PATCH = route({ auth: "user", permission: "org.manage", body: updateOrganizationBody }, ({ db, org, body }) =>
  db((tx) => updateOrganizationSettings(tx, org.id, body)),
);

/** Deletes the organization (`confirm`: its slug): hidden at once, Xero disconnected, purged after the grace period. */
export const DELETE = route({ auth: "user", permission: "org.manage", body: deleteOrganizationBody }, ({ db, org, body }) =>
  deleteOrganization(db, org, body.confirm),
);

export const { POST, PUT, OPTIONS } = otherMethods({ GET, PATCH, DELETE });
