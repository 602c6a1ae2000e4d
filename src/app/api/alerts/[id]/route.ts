import { otherMethods } from "@/server/http/other-methods";
import { getAlert } from "@/server/alerts/get-alert";
import { route } from "@/server/http/route";
import { alertParams } from "@/lib/alert-schemas";

export const GET = route({ auth: "user", permission: "alerts.read", params: alertParams }, ({ db, org, params }) =>
  db((tx) => getAlert(tx, org.id, params.id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
