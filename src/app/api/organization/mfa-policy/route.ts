import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { getMfaPolicy } from "@/server/mfa/get-mfa-policy";
import { updateMfaPolicy } from "@/server/mfa/update-mfa-policy";
import { updateMfaPolicyBody } from "@/lib/mfa-schemas";

export const GET = route({ auth: "user", permission: "org.manage" }, ({ db, org }) => db((tx) => getMfaPolicy(tx, org.id)));

export const PUT = route({ auth: "user", permission: "org.manage", body: updateMfaPolicyBody }, ({ db, org, body }) =>
  db((tx) => updateMfaPolicy(tx, org.id, body.requiredRoles)),
);

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods({ GET, PUT });
