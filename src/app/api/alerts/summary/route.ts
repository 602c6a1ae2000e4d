import { getAlertSummary } from "@/server/alerts/get-alert-summary";
import { route } from "@/server/http/route";

export const GET = route({ auth: "user", permission: "alerts.read" }, ({ db, org }) => db((tx) => getAlertSummary(tx, org.id)));
