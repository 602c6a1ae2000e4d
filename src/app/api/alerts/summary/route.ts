import { otherMethods } from "@/server/http/other-methods";
import { getAlertSummary } from "@/server/alerts/get-alert-summary";
import { route } from "@/server/http/route";

export const GET = route({ auth: "user", permission: "alerts.read" }, ({ db, org }) => db((tx) => getAlertSummary(tx, org.id)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
