import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { getOrganizationSettings, updateOrganizationSettings } from "@/server/orgs/organization-settings";
import { updateOrganizationSchema } from "@/lib/admin-schemas";

export const GET = route({ auth: "user", permission: "org.manage" }, ({ db, org }) => db((tx) => getOrganizationSettings(tx, org.id)));

export const PATCH = route({ auth: "user", permission: "org.manage", body: updateOrganizationSchema }, ({ db, org, body }) =>
  db((tx) => updateOrganizationSettings(tx, org.id, body)),
);

export const { POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });
